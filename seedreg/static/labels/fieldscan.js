/* The officials' label scanner (/labels/scan, issue 22): camera → QR text → the signature
   checked on the phone at once (labelsig.js, offline too) → the scan kept in IndexedDB →
   uploaded when the connection allows, each with its own idempotency key, so a retry or a
   double tap never records two → the registry's answer shown beside what the label says.

   The decoder: the browser's BarcodeDetector where it exists, else jsQR (vendored, served by
   the app), loaded when the camera opens or, before that, once the page is loaded and idle
   (so that a scan without signal still decodes). Without JavaScript the serial form posts. */
(function () {
  "use strict";
  var root = document.getElementById("scanner");
  if (!root || !window.LabelSignature) return;
  var KEY = root.dataset.key, BASE = root.dataset.base, CSRF = root.dataset.csrf;
  var USER = root.dataset.user, DECODER = root.dataset.decoder, TYPO = root.dataset.typo;
  var $ = function (id) { return document.getElementById(id); };
  var STATES = {pending: "待上传", uploading: "核验中", done: "已上传", refused: "未被接受"};
  var MAX_BACKOFF_MS = 60000;

  // --- IndexedDB: every scan is written here before anything else happens -----------------
  var dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var open = indexedDB.open("seedreg-field-scans", 1);
        open.onupgradeneeded = function () {
          var store = open.result.createObjectStore("scans", {keyPath: "key"});
          store.createIndex("user", "user");
        };
        open.onsuccess = function () { resolve(open.result); };
        open.onerror = function () { reject(open.error); };
      });
    }
    return dbPromise;
  }
  function tx(mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var t = d.transaction("scans", mode), result;
        result = work(t.objectStore("scans"));
        t.oncomplete = function () { resolve(result && result.result !== undefined ? result.result : result); };
        t.onerror = function () { reject(t.error); };
      });
    });
  }
  function save(scan) { return tx("readwrite", function (s) { s.put(scan); }); }
  function mine() {
    // Only this official's scans: another official's queue on a shared phone is never sent
    // under this session.
    return tx("readonly", function (s) { return s.index("user").getAll(USER); }).then(function (all) {
      return (all || []).sort(function (a, b) { return a.scanned_at < b.scanned_at ? 1 : -1; });
    });
  }

  // --- identity and position ---------------------------------------------------------------
  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16)), h = [];
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    for (var i = 0; i < 16; i++) h.push((b[i] + 0x100).toString(16).slice(1));
    return h.slice(0, 4).join("") + "-" + h.slice(4, 6).join("") + "-" + h.slice(6, 8).join("") + "-" + h.slice(8, 10).join("") + "-" + h.slice(10).join("");
  }
  var lastFix = null, fixWaiters = [];
  function watchPosition() {
    if (!navigator.geolocation || watchPosition.started) return;
    watchPosition.started = true;
    navigator.geolocation.watchPosition(function (p) {
      lastFix = p.coords;
      fixWaiters.splice(0).forEach(function (done) { done(); });
    }, function () { fixWaiters.splice(0).forEach(function (done) { done(); }); },
      {enableHighAccuracy: true, maximumAge: 60000, timeout: 20000});
  }
  // The position for a scan: the latest fix, or the first one if it comes within 1.5 s (the
  // scan is never held longer: a position is welcome, not required).
  function position() {
    if (lastFix || !watchPosition.started) return Promise.resolve(lastFix);
    return new Promise(function (resolve) {
      var timer = setTimeout(function () { resolve(lastFix); }, 1500);
      fixWaiters.push(function () { clearTimeout(timer); resolve(lastFix); });
    });
  }

  // --- typed serials: the check character, as seedreg/labels/serials.py ---------------------
  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ", LEGACY = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  function normalise(text) {
    var t = text.trim().toUpperCase().replace(/[ -]/g, "").slice(0, 24);
    return t.length === 11 ? t.replace(/O/g, "0").replace(/[IL]/g, "1") : t;
  }
  function luhn32(serial) {  // python-stdnum luhn with the serial alphabet: checksum 0
    var n = ALPHABET.length, sum = 0, digits = serial.split("").reverse();
    for (var i = 0; i < digits.length; i++) {
      var v = ALPHABET.indexOf(digits[i]);
      if (i % 2) { v *= 2; v = Math.floor(v / n) + (v % n); }
      sum += v;
    }
    return sum % n === 0;
  }
  function mod3736(serial) {  // ISO 7064 MOD 37,36 (python-stdnum mod_37_36): checksum 1
    var m = 36, check = m / 2;
    for (var i = 0; i < serial.length; i++) check = (((check || m) * 2) % (m + 1) + LEGACY.indexOf(serial[i])) % m;
    return check === 1;
  }
  function serialProblem(serial) {
    var shaped = serial.length === 11 ? /^[0-9A-HJKMNP-TV-Z]{11}$/.test(serial) : serial.length === 12 && /^[0-9A-Z]{12}$/.test(serial);
    if (!serial) return "请扫描标签二维码或输入标签序列号";
    if (!shaped) return "序列号格式不正确：应为标签上印的 11 位（旧标签 12 位）字母和数字";
    return (serial.length === 11 ? luhn32(serial) : mod3736(serial)) ? "" : TYPO;
  }
  window.FieldScanSerials = {normalise: normalise, problem: serialProblem};  // for the tests

  // --- showing one scan ---------------------------------------------------------------------
  function rows(list, pairs) {
    list.textContent = "";
    pairs.forEach(function (p) {
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = p[0]; dd.textContent = p[1] === "" || p[1] == null ? "—" : p[1];
      list.appendChild(dt); list.appendChild(dd);
    });
  }
  function badge(el, ok, text) { el.textContent = text; el.className = "status " + (ok ? "status-granted" : "status-refused"); }

  function show(scan) {
    var box = $("result");
    box.hidden = false;
    $("result-serial").textContent = scan.serial;
    if (scan.phone_result) badge($("sig-verdict"), scan.phone_result === "valid", scan.phone_result === "valid" ? "签名有效" : "签名无效");
    else { $("sig-verdict").textContent = ""; $("sig-verdict").className = ""; }
    $("sig-reason").textContent = scan.phone_reason;
    rows($("printed"), scan.printed || []);
    $("printed-box").hidden = !(scan.printed && scan.printed.length);  // typed, or not to be trusted
    var answer = scan.answer, reg = answer && answer.registry;
    if (!answer) {
      $("registry-state").textContent = scan.error || (navigator.onLine ? "正在与登记系统核对……" : "没有网络：联网后自动核对");
      rows($("registry"), []);
    } else {
      $("registry-state").textContent = (reg.ok ? "有效" : reg.verdict_word + "：" + reg.verdict_label) + (reg.notice ? "。" + reg.notice : "");
      var l = reg.label || {};
      rows($("registry"), reg.label ? [["批次号", l.lot_number], ["许可证编号", l.licence_number], ["树种", l.species],
        ["品种", l.variety], ["数量", l.quantity], ["生产经营者", l.producer],
        ["质量检验合格证", l.quality_certificate_number], ["检疫证明编号", l.quarantine_number]] : []);
    }
    var list = $("mismatches");
    list.textContent = "";
    var found = answer ? answer.mismatches : (scan.phone_result === "invalid" ? [{hint: "forged_signature", text: "二维码签名无效（标签可能伪造或被涂改）", basis: ""}] : []);
    found.forEach(function (m) {
      var li = document.createElement("li"), strong = document.createElement("strong"), sub = document.createElement("span");
      li.dataset.hint = m.hint; strong.textContent = m.text; sub.className = "sub";
      sub.textContent = m.basis ? "依据：" + m.basis : "";
      li.appendChild(strong); li.appendChild(sub); list.appendChild(li);
    });
    if (!found.length) {
      var none = document.createElement("li");
      none.className = "muted"; none.textContent = answer ? "未发现问题" : "联网核对后列出";
      list.appendChild(none);
    }
  }

  var shown = null;  // the key of the scan in the result box
  function when(iso) { var d = new Date(iso); return d.toLocaleDateString("zh-CN") + " " + d.toLocaleTimeString("zh-CN", {hour12: false}); }

  function renderQueue() {
    return mine().then(function (scans) {
      var list = $("queue");
      $("queue-card").hidden = false;
      list.textContent = "";
      scans.slice(0, 50).forEach(function (scan) {
        var li = document.createElement("li"), b = document.createElement("button");
        li.dataset.key = scan.key; li.dataset.state = scan.state;
        b.type = "button"; b.textContent = scan.serial || "（无序列号）";
        b.addEventListener("click", function () { shown = scan.key; show(scan); });
        var state = document.createElement("span"), time = document.createElement("span");
        state.className = "q-state q-" + scan.state; state.textContent = STATES[scan.state];
        time.className = "when"; time.textContent = when(scan.scanned_at);
        li.appendChild(b); li.appendChild(state); li.appendChild(time);
        if (scan.answer) {
          var v = document.createElement("span");
          v.textContent = "登记系统：" + scan.answer.registry.verdict_word + (scan.answer.mismatches.length ? "，问题 " + scan.answer.mismatches.length + " 项" : "");
          li.appendChild(v);
        }
        list.appendChild(li);
        if (scan.key === shown) show(scan);
      });
      var waiting = scans.filter(function (s) { return s.state !== "done" && s.state !== "refused"; }).length;
      $("net-state").textContent = (navigator.onLine ? "在线" : "离线") + (waiting ? "：" + waiting + " 条待上传" : "");
    });
  }

  // --- the upload queue ---------------------------------------------------------------------
  var backoff = 2000, timer = null, flushing = false;
  function later() {
    if (timer) return;
    timer = setTimeout(function () { timer = null; flush(); }, backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }
  function upload(scan) {
    scan.state = "uploading";
    return save(scan).then(renderQueue).then(function () {
      return fetch("/labels/field-scans", {
        method: "POST", credentials: "same-origin", redirect: "manual",
        headers: {"Content-Type": "application/json", "X-CSRFToken": CSRF},
        body: JSON.stringify({idempotency_key: scan.key, qr_text: scan.qr_text, serial: scan.serial_typed,
          scanned_at: scan.scanned_at, latitude: scan.latitude, longitude: scan.longitude, phone_result: scan.phone_result})
      });
    }).then(function (r) {
      if (r.ok) return r.json().then(function (answer) { scan.state = "done"; scan.answer = answer; scan.error = ""; return true; });
      if (r.status === 409 || r.status === 422) {
        return r.json().then(function (body) { scan.state = "refused"; scan.error = body.error.message; return true; });
      }
      // Signed out (a redirect to the login page, 401) or a stale page (403: the CSRF token):
      // keep the scan; it goes once the official signs in again or reloads. Else a server fault.
      var out = r.type === "opaqueredirect" || r.status === 401 || r.status === 403;
      scan.state = "pending";
      scan.error = out ? "登录已过期：请重新登录或刷新页面，记录会自动上传" : "服务器暂时不可用，稍后自动重试";
      return false;
    }).catch(function () { scan.state = "pending"; scan.error = "没有网络：联网后自动上传"; return false; })
      .then(function (done) { return save(scan).then(function () { return done; }); });
  }
  function flush() {
    if (flushing) return Promise.resolve();
    if (!navigator.onLine) return renderQueue();
    flushing = true;
    return mine().then(function (scans) {
      var waiting = scans.filter(function (s) { return s.state === "pending" || s.state === "uploading"; }).reverse();
      return waiting.reduce(function (chain, scan) {
        return chain.then(function (allOk) { return upload(scan).then(function (ok) { return allOk && ok; }); });
      }, Promise.resolve(true));
    }).then(function (allOk) {
      flushing = false;
      if (allOk) backoff = 2000; else later();
      return renderQueue();
    }, function () { flushing = false; later(); });
  }

  // --- one scan: check, keep, show, send ----------------------------------------------------
  function record(scan) {
    scan.key = uuid(); scan.user = USER; scan.scanned_at = new Date().toISOString();
    scan.state = "pending"; scan.answer = null; scan.error = "";
    scan.latitude = null; scan.longitude = null;
    shown = scan.key;
    // A page that holds the scan for something else (an inspection's check form) hears of it.
    document.dispatchEvent(new CustomEvent("fieldscan:recorded", {detail: scan}));
    // Kept at once; the position is added when it comes, before the upload.
    return save(scan).then(function () { show(scan); renderQueue(); return position(); }).then(function (fix) {
      if (!fix) return null;
      scan.latitude = fix.latitude; scan.longitude = fix.longitude;
      return save(scan);
    }).then(flush);
  }
  function scanned(text) {
    var scan = {qr_text: text, serial_typed: "", serial: LabelSignature.serialOf(text)};
    return LabelSignature.verify(text, KEY, BASE).then(function (payload) {
      scan.phone_result = "valid"; scan.serial = payload.serial; scan.printed = LabelSignature.rows(payload);
      scan.phone_reason = payload.otherSite ? "签名有效，但二维码中的网址不是本系统的核验地址" : "标签内容由监管部门签发，未被篡改；请核对实物标签与下列内容是否一致。";
    }, function (e) {
      scan.phone_result = "invalid"; scan.printed = [];
      scan.phone_reason = e.reason || LabelSignature.FORMAT_ERROR;
    }).then(function () { return record(scan); });
  }

  $("serial-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var input = $("f-serial"), serial = normalise(input.value), problem = serialProblem(serial);
    var field = input.closest(".field"), err = $("f-serial-err");
    if (!err) { err = document.createElement("small"); err.id = "f-serial-err"; err.className = "err"; err.setAttribute("role", "alert"); field.appendChild(err); }
    err.textContent = problem; err.hidden = !problem;
    field.classList.toggle("invalid", !!problem);
    if (problem) { input.setAttribute("aria-invalid", "true"); input.focus(); return; }
    input.removeAttribute("aria-invalid");
    input.value = "";
    record({qr_text: "", serial_typed: serial, serial: serial, phone_result: "", printed: [],
      phone_reason: "手工输入的序列号，没有可核验的签名"});
  });

  // --- the camera ---------------------------------------------------------------------------
  var stream = null, loop = null;
  var jsQRLoading = null;
  function loadJsQR() {
    if (window.jsQR) return Promise.resolve(window.jsQR);
    if (!jsQRLoading) {
      jsQRLoading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = DECODER; s.onload = function () { resolve(window.jsQR); };
        s.onerror = function (e) { s.remove(); jsQRLoading = null; reject(e); };
        document.head.appendChild(s);
      });
    }
    return jsQRLoading;
  }
  function decoder() {
    if ("BarcodeDetector" in window) {
      root.dataset.decoderUsed = "BarcodeDetector";
      var d = new BarcodeDetector({formats: ["qr_code"]});
      return Promise.resolve(function (video) {
        return d.detect(video).then(function (codes) { return codes.length ? codes[0].rawValue : null; }, function () { return null; });
      });
    }
    return loadJsQR().then(function (jsQR) {
      root.dataset.decoderUsed = "jsQR";
      var canvas = document.createElement("canvas"), ctx = canvas.getContext("2d", {willReadFrequently: true});
      return function (video) {
        var scale = Math.min(1, 640 / (video.videoWidth || 640));
        canvas.width = Math.round(video.videoWidth * scale); canvas.height = Math.round(video.videoHeight * scale);
        if (!canvas.width || !canvas.height) return Promise.resolve(null);
        ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
        var img = ctx.getImageData(0, 0, canvas.width, canvas.height);
        var code = jsQR(img.data, img.width, img.height, {inversionAttempts: "attemptBoth"});
        return Promise.resolve(code ? code.data : null);
      };
    });
  }
  function closeCamera() {
    if (loop) clearTimeout(loop);
    loop = null;
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    $("camera").hidden = true; $("close-camera").hidden = true; $("open-camera").hidden = false;
  }
  function openCamera() {
    var video = $("camera"), state = $("camera-state");
    watchPosition();
    state.textContent = "正在打开相机……";
    Promise.all([navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}, audio: false}), decoder()])
      .then(function (got) {
        stream = got[0];
        var decode = got[1];
        video.srcObject = stream; video.hidden = false;
        $("open-camera").hidden = true; $("close-camera").hidden = false;
        state.textContent = "把二维码对准取景框";
        return video.play().then(function () {
          var tick = function () {
            decode(video).then(function (text) {
              if (!stream) return;
              if (text) { closeCamera(); state.textContent = "已读取二维码"; scanned(text); return; }
              loop = setTimeout(tick, 150);
            });
          };
          tick();
        });
      })
      .catch(function (e) {
        closeCamera();
        state.textContent = e && e.name === "NotAllowedError" ? "没有相机权限：请在浏览器设置中允许使用相机，或输入序列号" : "无法打开相机，请输入序列号";
      });
  }
  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    $("open-camera").hidden = false;
    $("open-camera").addEventListener("click", openCamera);
    $("close-camera").addEventListener("click", closeCamera);
  }

  // A phone without BarcodeDetector needs jsQR to scan, and an inspector often loses the signal
  // between opening this page and the first scan: once the page is loaded and idle, the decoder
  // is fetched while there is a connection (it costs nothing before the form is usable).
  function preloadDecoder() {
    if ("BarcodeDetector" in window || !navigator.onLine) return;
    loadJsQR().catch(function () {});
  }
  window.addEventListener("load", function () {
    (window.requestIdleCallback || function (f) { setTimeout(f, 1000); })(preloadDecoder);
  });

  window.addEventListener("online", function () { backoff = 2000; flush(); });
  window.addEventListener("offline", renderQueue);
  renderQueue().then(flush);
})();
