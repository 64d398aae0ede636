/* The check form on a phone (issue 22). Without JavaScript the form still posts whole; this
   adds the browser's position, the signature drawn on the screen, label scans from the camera
   (fieldscan.js, each scan kept as a scans-<n>-… row of the form), and fresh keys. Runs
   before drafts.js (static/field/drafts.js), which keeps the whole form in IndexedDB as it is
   filled, with the photos and the drawn signature as Blobs, and sends it once, multipart, to
   the form's own action with its idempotency key. Evidence photos are sent as taken (the
   originals are the evidence, 行政处罚法第四十六、四十七条) unless over the size limit: then a
   copy shrunk on the phone is sent and the original named by its SHA-256.
   The form's field names are the API body's (seedreg/inspections/check_forms.py). */
(function () {
  "use strict";
  var form = document.getElementById("check-form");
  if (!form) return;
  var $ = function (id) { return document.getElementById(id); };
  var drafted = !!(window.indexedDB && window.fetch && form.dataset.draft);

  // --- fresh keys: a page kept by the service worker is the same page each time it opens, so
  // its check and photo keys are made here (a restored draft then puts its own back) ---------
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16)), h = "";
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    for (var i = 0; i < 16; i++) h += (b[i] + 0x100).toString(16).slice(1) + ([3, 5, 7, 9].indexOf(i) >= 0 ? "-" : "");
    return h;
  }
  if (drafted && form.hasAttribute("data-new-keys")) {
    Array.prototype.forEach.call(form.querySelectorAll(
      "input[name=idempotency_key], input[name$='-key'][name^=photos-], input[name=signature-photo_key]"
    ), function (input) { input.value = uuid(); });
  }
  function changed(input, type) { input.dispatchEvent(new Event(type || "input", {bubbles: true})); }

  // --- position (optional; the accuracy is recorded with it) --------------------------------
  if (navigator.geolocation && !$("h-latitude").value) {
    $("gps-state").textContent = "位置：正在定位……";
    navigator.geolocation.getCurrentPosition(function (p) {
      $("h-latitude").value = p.coords.latitude.toFixed(6);
      $("h-longitude").value = p.coords.longitude.toFixed(6);
      $("h-accuracy_m").value = Math.round(p.coords.accuracy);
      changed($("h-latitude"));
      showPosition();
    }, function () {
      if (!$("h-latitude").value) $("gps-state").textContent = "位置：未取得（可在下方手工填写检查地点）";
    }, {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000});
  }
  function showPosition() {
    var lat = +$("h-latitude").value, lon = +$("h-longitude").value, acc = $("h-accuracy_m").value;
    if (!$("h-latitude").value) return;
    $("gps-state").textContent = "位置：北纬" + lat.toFixed(5) + "，东经" + lon.toFixed(5) +
      (acc ? "（精度约" + acc + "米）" : "");
  }

  // --- signature drawn on the screen: kept as a PNG Blob in the signature's file input, so the
  // draft holds it as a Blob and the form sends it as a file (a data: URI without DataTransfer)
  var canvas = $("sign-canvas"), pad = $("sign-pad"), sigFile = $("f-signature-file"), drawn = false;
  function setSignature(files) {
    var t = new DataTransfer();
    files.forEach(function (f) { t.items.add(f); });
    sigFile.files = t.files;
    changed(sigFile, "change");
  }
  if (canvas && canvas.getContext) {
    pad.hidden = false;
    var ctx = canvas.getContext("2d"), last = null;
    ctx.lineWidth = 4; ctx.lineCap = "round"; ctx.lineJoin = "round"; ctx.strokeStyle = "#111";
    var at = function (e) {
      var r = canvas.getBoundingClientRect();
      return {x: (e.clientX - r.left) * canvas.width / r.width, y: (e.clientY - r.top) * canvas.height / r.height};
    };
    canvas.addEventListener("pointerdown", function (e) { last = at(e); canvas.setPointerCapture(e.pointerId); e.preventDefault(); });
    canvas.addEventListener("pointermove", function (e) {
      if (!last) return;
      var p = at(e);
      ctx.beginPath(); ctx.moveTo(last.x, last.y); ctx.lineTo(p.x, p.y); ctx.stroke();
      last = p; drawn = true;
    });
    var end = function () {
      if (!last) return;
      last = null;
      if (!drawn) return;
      if (!window.DataTransfer || !canvas.toBlob) { $("signature-png").value = canvas.toDataURL("image/png"); return; }
      canvas.toBlob(function (blob) {
        if (blob) setSignature([new File([blob], "signature.png", {type: "image/png"})]);
      }, "image/png");
    };
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
    $("sign-clear").addEventListener("click", function () {
      ctx.clearRect(0, 0, canvas.width, canvas.height); drawn = false; $("signature-png").value = "";
      if (window.DataTransfer && sigFile.files.length) setSignature([]);
    });
    // A restored draft: the signature drawn before the reload is shown again.
    form.addEventListener("draft:restored", function () {
      var f = sigFile.files && sigFile.files[0];
      if (!f || f.name !== "signature.png" || !window.createImageBitmap) return;
      createImageBitmap(f).then(function (img) { ctx.drawImage(img, 0, 0); drawn = true; }).catch(function () {});
    });
  }

  // --- label scans from the camera, kept with the check as rows of the form ---------------------
  var scanner = $("scanner"), list = $("scan-list");
  if (scanner && window.LabelSignature) scanner.hidden = false;
  function describe(row) {
    var value = function (name) { return row.querySelector("input[name$='-" + name + "']").value; };
    var result = value("phone_result");
    row.querySelector(".scan-text").textContent = "已扫码：" + (value("serial") || value("qr_text").slice(0, 40)) +
      (result === "invalid" ? "（签名无效）" : result === "valid" ? "（签名有效）" : "");
  }
  document.addEventListener("fieldscan:recorded", function (e) {
    var s = e.detail, holder = document.createElement("div"), n = 0;
    Array.prototype.forEach.call(list.querySelectorAll("[data-draft-row]"), function (row) {
      n = Math.max(n, +row.getAttribute("data-draft-row") + 1);
    });
    holder.innerHTML = list.querySelector("template").innerHTML.replace(/__i__/g, String(n));
    var row = holder.firstElementChild;
    var fields = {idempotency_key: s.key, qr_text: s.qr_text || "", serial: s.qr_text ? "" : (s.serial || ""),
                  phone_result: s.phone_result || "", scanned_at: s.scanned_at};
    Object.keys(fields).forEach(function (name) { row.querySelector("input[name$='-" + name + "']").value = fields[name]; });
    list.appendChild(row);
    describe(row);
    if (s.serial && !fields.serial) row.querySelector(".scan-text").textContent = "已扫码：" + s.serial +
      (s.phone_result === "invalid" ? "（签名无效）" : s.phone_result === "valid" ? "（签名有效）" : "");
    changed(row.querySelector("input"));  // drafts.js keeps the row
  });
  form.addEventListener("draft:restored", function () {
    Array.prototype.forEach.call(list.querySelectorAll("[data-draft-row]"), describe);
    showPosition();
  });

  // --- photos checked on the phone at once: images only, within the size the server takes
  // (the local setting, given by the page). A photo within it is sent as taken: the camera's
  // original is the evidence (行政处罚法第四十六、四十七条). One over it is shrunk here before it
  // is kept and sent (a weak link would not carry it), and the original is named by its
  // SHA-256 and size in the photo's row, so the copy on file says which original it came from.
  // Runs before drafts.js keeps the file: the shrunk copy replaces the file, then drafts.js
  // keeps that. --------------------------------------------------------------------------------
  var photoRule = $("photo-rule"), maxBytes = photoRule ? +photoRule.dataset.maxBytes : 0;
  var LONGEST_SIDE = 2560;
  function typeProblem(file) {
    return /^image\/(jpeg|png)$/.test(file.type) ? "" : "只接受JPEG或PNG图片，请重新拍摄或选择";
  }
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  function originalHash(file) {
    if (!(window.crypto && crypto.subtle)) return Promise.resolve("");
    return file.arrayBuffer().then(function (b) { return crypto.subtle.digest("SHA-256", b); }).then(hex);
  }
  function encode(bitmap, scale, quality) {
    var canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return new Promise(function (done) { canvas.toBlob(done, "image/jpeg", quality); });
  }
  function shrink(file) {
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, LONGEST_SIDE / Math.max(bitmap.width, bitmap.height));
      var attempt = function (tries) {
        return encode(bitmap, scale, 0.85).then(function (blob) {
          if (blob && blob.size <= maxBytes) return blob;
          if (!blob || tries >= 8) throw new Error("too large");
          scale *= 0.75;
          return attempt(tries + 1);
        });
      };
      return attempt(0);
    });
  }
  function rowField(input, name) {
    var row = input.name.replace("photo-file-", ""), full = "photos-" + row + "-" + name;
    var field = form.querySelector("input[name='" + full + "']");
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden"; field.name = full;
      input.insertAdjacentElement("afterend", field);
    }
    return field;
  }
  function say(input, text, isError) {
    var box = input.closest(".field"), line = box.querySelector("small.photo-err");
    if (!line) {
      line = document.createElement("small");
      input.insertAdjacentElement("afterend", line);
    }
    line.className = (isError ? "err " : "hint ") + "photo-err";
    if (isError) line.setAttribute("role", "alert"); else line.removeAttribute("role");
    line.textContent = text; line.hidden = !text;
    box.classList.toggle("invalid", !!(text && isError));
  }
  function kb(bytes) { return Math.ceil(bytes / 1000) + "KB"; }
  var limit = Math.floor(maxBytes / 1000) + "KB";
  function shrinkInto(input, file) {
    say(input, "照片" + kb(file.size) + "，超过" + limit + "上限，正在手机上压缩…", false);
    Promise.all([shrink(file), originalHash(file)]).then(function (done) {
      var name = file.name.replace(/\.\w+$/, "") + "-压缩.jpg";
      var copy = new File([done[0]], name, {type: "image/jpeg", lastModified: file.lastModified});
      var files = new DataTransfer();
      files.items.add(copy);
      rowField(input, "original_sha256").value = done[1];
      rowField(input, "original_size").value = done[1] ? String(file.size) : "";
      input.files = files.files;
      input.dispatchEvent(new Event("change", {bubbles: true}));
      say(input, "原图" + kb(file.size) + "已在手机上压缩为" + kb(copy.size) + "上传" +
        (done[1] ? "；原图的SHA-256已记录" : ""), false);
    }).catch(function () {
      input.value = "";
      input.dispatchEvent(new Event("change", {bubbles: true}));
      say(input, "照片" + kb(file.size) + "超过" + limit + "上限且无法在手机上压缩：请降低相机分辨率后重拍", true);
    });
  }
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "file" || !/^(photo-file-\d+|signature-file)$/.test(input.name)) return;
    var file = (input.files || [])[0];
    if (!file) return;
    var problem = typeProblem(file);
    if (problem) { input.value = ""; say(input, problem, true); return; }
    var photo = /^photo-file-/.test(input.name);
    if (maxBytes && file.size > maxBytes && photo && window.createImageBitmap && window.DataTransfer) {
      event.stopImmediatePropagation();  // drafts.js keeps the shrunk copy, not this one
      shrinkInto(input, file);
      return;
    }
    if (maxBytes && file.size > maxBytes) {
      input.value = "";
      say(input, "照片" + kb(file.size) + "，超过" + limit + "上限：请在相机设置中降低分辨率后重拍", true);
      return;
    }
    if (photo && !/-压缩\.jpg$/.test(file.name)) {  // a new original: no earlier original named
      rowField(input, "original_sha256").value = "";
      rowField(input, "original_size").value = "";
    }
    say(input, "", false);
  });

  // --- the folded checklist groups: each summary counts what is answered and 不符合 ----------
  var checklist = $("checklist");
  function countGroups() {
    if (!checklist) return;
    var fails = checklist.dataset.failsValue;
    Array.prototype.forEach.call(checklist.querySelectorAll("details.check-group"), function (group) {
      var count = group.querySelector("[data-group-count]");
      if (!count) return;
      count.querySelector("[data-answered]").textContent = group.querySelectorAll("input[type=radio]:checked").length;
      count.querySelector("[data-fails]").textContent =
        group.querySelectorAll("input[type=radio][value='" + fails + "']:checked").length;
    });
  }
  if (checklist) checklist.addEventListener("change", countGroups);
  form.addEventListener("draft:restored", countGroups);

  // --- submit: the end time is when the inspector submits, not when the signal returns ------
  form.addEventListener("submit", function () {
    var ended = form.querySelector("[name=ended_at]"), now = new Date(Date.now() + 8 * 3600000);
    if (ended && !ended.value) ended.value = now.toISOString().slice(0, 16);  // Beijing time
    if (drafted) return;  // drafts.js sends once and says where it is
    var button = $("submit-check");
    setTimeout(function () { button.disabled = true; button.textContent = "正在提交……"; }, 0);
  });
})();
