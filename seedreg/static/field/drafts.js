/* Nothing typed is ever lost (issue 22): drafts in IndexedDB, an outbox, and the field pages
   kept for offline reloads. No framework; with JavaScript off the form posts as usual.

   OPT-IN (one form attribute set and one script tag; the server keeps its ordinary POST handler):

     <form method="post" action="/x" enctype="multipart/form-data"
           data-draft="check-{{ id }}"              the draft's name, unique per form and record
           data-draft-user="{{ actor.user_id }}"    drafts and outbox belong to this user only
           {{ field_photo_attrs() }}                optional: data-photo-edge / data-photo-quality,
                                                    the local settings for shrinking photos
           data-offline-scope="/x/"                 optional: the pages the service worker serves
                                                    offline (default: this page's path)>
       {{ csrf_input | safe }}
       <input type="hidden" name="idempotency_key" value="{{ new_key }}">  (added if missing)
       <p data-draft-status></p>                    optional: where the status line goes
       ...any inputs, selects, checkboxes, radios, textareas, file inputs...
       <div data-draft-rows="samples">              optional repeated rows:
         <template><div data-draft-row="__i__"> name="samples-__i__-number" ...
                   <button type="button" data-draft-remove>删除</button></div></template>
       </div>
       <button type="button" data-draft-add="samples">添加一行</button>
     </form>
     <script src="/static/field/drafts.js"></script>

   A page with no draft form can still be kept for offline reloads: data-offline-page on any
   element. What happens:
   - every change is saved at once in IndexedDB ("已保存在本机"), files as Blobs (images first
     shrunk with a canvas to data-photo-edge px at data-photo-quality when those are given),
     and restored after a reload or a closed tab;
   - the draft's idempotency key is made when the draft starts and sent both as the form's
     idempotency_key field and as the Idempotency-Key header: the server answers a retry with
     its first result. A double tap sends once;
   - on submit the form goes to the outbox ("等待网络" without a connection) and is posted when
     the connection returns (the online event, and retries with backoff up to a minute); once
     the server accepts it the draft is cleared ("已提交") and a page still showing the form
     follows the server's redirect. A form the server refuses (4xx) goes back to a draft and is
     posted once more the ordinary way, so the server's page shows what to correct;
   - the service worker /field-sw.js (seedreg/core/web/field-sw.js) keeps this page and its
     assets so that it reloads without a network. */
(function () {
  "use strict";
  if (!window.indexedDB || !window.fetch) return;
  var IDEM = "idempotency_key", SAVE_DELAY_MS = 150, MAX_BACKOFF_MS = 60000;
  var WORDS = {
    saved: "已保存在本机", offline: "等待网络：联网后自动提交", sending: "正在提交……",
    sent: "已提交", refused: "未被接受：请按页面提示修改后重新提交",
    signedOut: "登录已过期：请重新登录，登录后自动提交", busy: "服务器暂时不可用，稍后自动重试"
  };

  // --- IndexedDB ------------------------------------------------------------------------
  var opened = null;
  function db() {
    opened = opened || new Promise(function (resolve, reject) {
      var req = indexedDB.open("seedreg-drafts", 1);
      req.onupgradeneeded = function () { req.result.createObjectStore("drafts", {keyPath: "id"}).createIndex("user", "user"); };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
    return opened;
  }
  function store(mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var t = d.transaction("drafts", mode), req = work(t.objectStore("drafts"));
        t.oncomplete = function () { resolve(req && req.result); };
        t.onerror = function () { reject(t.error); };
      });
    });
  }
  function get(id) { return store("readonly", function (s) { return s.get(id); }); }
  function put(rec) { return store("readwrite", function (s) { s.put(rec); }); }
  function drop(id) { return store("readwrite", function (s) { s.delete(id); }); }
  function outboxOf(user) {
    return store("readonly", function (s) { return s.index("user").getAll(user); }).then(function (all) {
      return (all || []).filter(function (r) { return r.state === "outbox"; });
    });
  }

  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16)), h = "";
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    for (var i = 0; i < 16; i++) h += (b[i] + 0x100).toString(16).slice(1) + ([3, 5, 7, 9].indexOf(i) >= 0 ? "-" : "");
    return h;
  }
  // The CSRF token as it is now: a page kept offline holds the token of its day, and after a
  // browser restart the cookie (app.py: CSRFConfig "seedreg_csrf", readable) is a new one.
  function csrfCookie() {
    var m = document.cookie.match(/(?:^|;\s*)seedreg_csrf=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function clock(iso) { return new Date(iso).toLocaleTimeString("zh-CN", {hour12: false}); }

  // --- photos: shrunk before they are kept or sent ---------------------------------------
  function shrink(file, edge, quality) {
    if (!edge || !/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file).then(function (img) {
      var scale = Math.min(1, edge / Math.max(img.width, img.height));
      if (scale === 1) return file;  // small enough: the original bytes, untouched
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(img.width * scale); canvas.height = Math.round(img.height * scale);
      canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          resolve(blob ? new File([blob], file.name.replace(/\.\w+$/, "") + ".jpg", {type: "image/jpeg", lastModified: file.lastModified}) : file);
        }, "image/jpeg", quality || 0.8);
      });
    }).catch(function () { return file; });
  }
  function setFiles(input, files) {
    try {
      var dt = new DataTransfer();
      files.forEach(function (f) { dt.items.add(f instanceof File ? f : new File([f.blob], f.name, {type: f.type})); });
      input.files = dt.files;
    } catch (e) { /* an old browser: the draft still holds the files and the outbox sends them */ }
  }

  // --- one form ----------------------------------------------------------------------------
  function Draft(form) {
    this.form = form;
    this.user = form.dataset.draftUser || "";
    this.id = this.user + "|" + form.dataset.draft;
    this.files = {};  // input name → [File]
    this.sending = false;
    this.status = form.querySelector("[data-draft-status]");
    if (!this.status) {
      this.status = document.createElement("p");
      form.insertBefore(this.status, form.firstChild);
    }
    this.status.classList.add("draft-status");
    this.status.setAttribute("role", "status");
    this.idem = form.querySelector("input[name=" + IDEM + "]");
    if (!this.idem) {
      this.idem = document.createElement("input");
      this.idem.type = "hidden"; this.idem.name = IDEM; this.idem.value = uuid();
      form.appendChild(this.idem);
    }
  }
  Draft.prototype.say = function (text) { this.status.textContent = text; this.status.hidden = !text; };

  Draft.prototype.rowIndexes = function (box) {
    var out = [];
    each(box.querySelectorAll("[data-draft-row]"), function (row) { out.push(row.getAttribute("data-draft-row")); });
    return out;
  };
  Draft.prototype.addRow = function (box, index) {
    var tpl = box.querySelector("template"), holder = document.createElement("div");
    if (index == null) {
      index = this.rowIndexes(box).reduce(function (m, i) { return Math.max(m, +i + 1); }, 0);
    }
    holder.innerHTML = tpl.innerHTML.replace(/__i__/g, String(index));
    while (holder.firstChild) box.appendChild(holder.firstChild);
  };

  Draft.prototype.collect = function () {
    var values = {}, rows = {}, empty = true, self = this;
    each(this.form.elements, function (el) {
      var name = el.name;
      if (!name || name === IDEM || name === "_csrf_token" || /^(submit|button|reset|file|image)$/.test(el.type)) return;
      var list = values[name] = values[name] || [];
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) list.push(el.value);
        if (el.checked !== el.defaultChecked) empty = false;
      } else if (el.type === "select-multiple" || el.type === "select-one") {
        each(el.options, function (o) {
          if (o.selected && el.multiple) list.push(o.value);
          if (o.selected !== o.defaultSelected) empty = false;
        });
        if (!el.multiple) list.push(el.value);
      } else {
        list.push(el.value);
        if (el.type !== "hidden" && el.value !== el.defaultValue) empty = false;
      }
    });
    each(this.form.querySelectorAll("[data-draft-rows]"), function (box) { rows[box.dataset.draftRows] = self.rowIndexes(box); });
    var files = {};
    Object.keys(this.files).forEach(function (name) {
      files[name] = self.files[name].map(function (f) { return {name: f.name, type: f.type, blob: f}; });
      if (files[name].length) empty = false;
    });
    return {values: values, rows: rows, files: files, empty: empty && !Object.keys(rows).some(function (k) { return rows[k].length; })};
  };

  Draft.prototype.restore = function (rec) {
    var form = this.form, self = this;
    each(form.querySelectorAll("[data-draft-rows]"), function (box) {
      var wanted = rec.rows[box.dataset.draftRows];
      if (!wanted) return;
      each(box.querySelectorAll("[data-draft-row]"), function (row) { row.remove(); });
      wanted.forEach(function (i) { self.addRow(box, i); });
    });
    var at = {};
    each(form.elements, function (el) {
      var list = rec.values[el.name];
      if (!list || el.name === IDEM || el.name === "_csrf_token") return;
      if (el.type === "checkbox" || el.type === "radio") el.checked = list.indexOf(el.value) >= 0;
      else if (el.type === "select-multiple") each(el.options, function (o) { o.selected = list.indexOf(o.value) >= 0; });
      else if (!/^(submit|button|reset|file|image)$/.test(el.type)) {
        at[el.name] = at[el.name] || 0;
        if (at[el.name] < list.length) el.value = list[at[el.name]++];
      }
    });
    Object.keys(rec.files || {}).forEach(function (name) {
      self.files[name] = rec.files[name].map(function (f) { return new File([f.blob], f.name, {type: f.type}); });
      var input = form.querySelector("input[type=file][name='" + name + "']");
      if (input) setFiles(input, self.files[name]);
    });
    if (rec.idem) this.idem.value = rec.idem;
  };

  Draft.prototype.save = function () {
    var self = this;
    clearTimeout(this.timer);
    return get(this.id).then(function (old) {
      var now = self.collect();
      if (old && old.state === "outbox") {
        // Queued and not sent yet: what is typed meanwhile goes with it.
        old.values = now.values; old.rows = now.rows; old.files = now.files; old.body = self.body(null);
        return put(old).then(function () { return old; });
      }
      if (now.empty) { self.say(""); return old ? drop(self.id) : null; }
      var rec = {id: self.id, user: self.user, key: self.form.dataset.draft, state: "draft",
        idem: (old && old.idem) || self.idem.value || uuid(), started: (old && old.started) || new Date().toISOString(),
        updated: new Date().toISOString(), values: now.values, rows: now.rows, files: now.files};
      self.idem.value = rec.idem;
      return put(rec).then(function () { self.say(WORDS.saved + "（" + clock(rec.updated) + "）"); return rec; });
    }).catch(function () { self.say("无法保存在本机：浏览器存储不可用，请勿关闭页面"); });
  };
  Draft.prototype.later = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.save(); }, SAVE_DELAY_MS);
  };

  Draft.prototype.pickFiles = function (input) {
    var form = this.form, self = this;
    var edge = +(input.dataset.photoEdge || form.dataset.photoEdge || 0);
    var quality = +(input.dataset.photoQuality || form.dataset.photoQuality || 0);
    return Promise.all(Array.prototype.map.call(input.files, function (f) { return shrink(f, edge, quality); }))
      .then(function (files) {
        self.files[input.name] = files;
        setFiles(input, files);  // a plain post sends the shrunk photos too
        return self.save();
      });
  };

  Draft.prototype.body = function (submitter) {
    var body = [];
    new FormData(this.form, submitter || undefined).forEach(function (value, name) {
      if (value instanceof File && !value.name && !value.size) return;  // an empty file input
      body.push([name, value]);
    });
    return body;
  };

  Draft.prototype.submit = function (event) {
    var self = this, form = this.form;
    if (event.defaultPrevented) { setTimeout(function () { self.save(); }, 0); return; }  // another script took it
    event.preventDefault();
    if (this.sending) return;  // the double tap
    this.sending = true;
    var body = this.body(event.submitter);
    this.save().then(function (rec) {
      rec = rec || {id: self.id, user: self.user, key: form.dataset.draft, idem: self.idem.value, values: {}, rows: {}, files: {}};
      rec.state = "outbox"; rec.body = body; rec.queued = new Date().toISOString();
      rec.action = form.action; rec.multipart = form.enctype === "multipart/form-data";
      return put(rec);
    }).then(function () { self.say(navigator.onLine ? WORDS.sending : WORDS.offline); return outbox.flush(); });
  };

  // What happened to this form's outbox entry (called by the outbox, on this page only).
  Draft.prototype.answered = function (how, response) {
    this.sending = false;
    if (how === "sent") {
      this.say(WORDS.sent);
      if (response && response.redirected && document.contains(this.form)) { location.assign(response.url); return; }
      this.form.reset();
      this.files = {};
      this.idem.value = uuid();  // the next form is another record
    } else if (how === "refused") {
      this.say(WORDS.refused);
      HTMLFormElement.prototype.submit.call(this.form);  // the server's page says what is wrong
    } else {
      this.say(WORDS[how]);
    }
  };

  Draft.prototype.start = function () {
    var self = this, form = this.form;
    form.addEventListener("input", function () { self.later(); });
    form.addEventListener("change", function (event) {
      if (event.target.type === "file") self.pickFiles(event.target); else self.later();
    });
    form.addEventListener("submit", function (event) { self.submit(event); });
    window.addEventListener("pagehide", function () { if (self.timer) self.save(); });  // the last keystroke
    form.addEventListener("click", function (event) {
      var add = event.target.closest("[data-draft-add]"), remove = event.target.closest("[data-draft-remove]");
      if (add) self.addRow(form.querySelector("[data-draft-rows='" + add.dataset.draftAdd + "']"));
      else if (remove) remove.closest("[data-draft-row]").remove();
      if (add || remove) self.save();
    });
    return get(this.id).then(function (rec) {
      if (!rec) return;
      self.restore(rec);
      // The page's own script may redraw what the fields alone do not show (a signature).
      form.dispatchEvent(new CustomEvent("draft:restored"));
      if (rec.state === "outbox") { self.sending = true; self.say(WORDS.offline); }
      else self.say(WORDS.saved + "（" + clock(rec.updated) + "）");
    });
  };

  // --- the outbox: every queued form of this user, sent once the connection allows ---------
  var drafts = {}, users = {};
  var outbox = {
    backoff: 2000, timer: null, running: null,
    flush: function () {
      if (!navigator.onLine) { this.tell(WORDS.offline); return Promise.resolve(); }
      if (this.running) return this.running;
      var self = this, locks = navigator.locks;
      // One tab at a time sends (Web Locks); the idempotency key covers a browser without them.
      var run = function () { return self.sendAll(); };
      this.running = (locks ? locks.request("seedreg-outbox", run) : run()).then(function (ok) {
        self.running = null;
        if (ok) self.backoff = 2000; else self.retry();
      }, function () { self.running = null; self.retry(); });
      return this.running;
    },
    retry: function () {
      var self = this;
      if (this.timer) return;
      this.timer = setTimeout(function () { self.timer = null; self.flush(); }, this.backoff);
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    },
    tell: function (text) {
      Object.keys(drafts).forEach(function (id) { if (drafts[id].sending) drafts[id].say(text); });
    },
    sendAll: function () {
      var self = this;
      return Promise.all(Object.keys(users).map(outboxOf)).then(function (lists) {
        return [].concat.apply([], lists).reduce(function (chain, rec) {
          return chain.then(function (ok) { return self.send(rec).then(function (sent) { return ok && sent; }); });
        }, Promise.resolve(true));
      });
    },
    send: function (rec) {
      var body, draft = drafts[rec.id], csrf = "", answer = null;
      if (rec.multipart) body = new FormData(); else body = new URLSearchParams();
      rec.body.forEach(function (pair) {
        if (pair[0] === "_csrf_token") csrf = pair[1];
        if (pair[1] instanceof Blob) body.append(pair[0], pair[1], pair[1].name); else body.append(pair[0], pair[1]);
      });
      if (draft) draft.say(WORDS.sending);
      return fetch(rec.action, {method: "POST", body: body, credentials: "same-origin",
        headers: {"Idempotency-Key": rec.idem, "X-CSRFToken": csrfCookie() || csrf}})
        .then(function (r) {
          answer = r;
          var path = new URL(r.url, location.href).pathname;
          if (r.status === 401 || r.status === 403 || (r.redirected && path.indexOf("/login") === 0)) return "signedOut";
          if (r.ok) return drop(rec.id).then(function () { return "sent"; });
          if (r.status >= 400 && r.status < 500) {
            rec.state = "draft"; delete rec.body;
            return put(rec).then(function () { return "refused"; });
          }
          return "busy";
        }, function () { return "offline"; })
        .then(function (how) {
          if (draft) draft.answered(how, answer);
          return how === "sent" || how === "refused";
        });
    }
  };

  // --- the service worker: this page and its assets kept for offline reloads ---------------
  function keepOffline(scope) {
    if (!("serviceWorker" in navigator)) return;
    var assets = [];
    each(document.querySelectorAll("script[src], link[rel=stylesheet][href], link[rel=icon][href]"), function (el) {
      assets.push(el.src || el.href);
    });
    navigator.serviceWorker.register("/field-sw.js", {scope: scope}).then(function (reg) {
      var worker = reg.active || reg.waiting || reg.installing;
      var tell = function (w) { w.postMessage({type: "keep", page: location.href, assets: assets}); };
      if (reg.active) tell(reg.active);
      else worker.addEventListener("statechange", function () { if (worker.state === "activated") tell(worker); });
    }).catch(function () { /* no worker (private window, old browser): drafts still work */ });
  }

  var forms = document.querySelectorAll("form[data-draft]");
  var marker = document.querySelector("[data-offline-page], form[data-draft]");
  var started = [];
  each(forms, function (form) {
    var d = new Draft(form);
    drafts[d.id] = d; users[d.user] = true;
    started.push(d.start());
  });
  // "The form is usable": bound and its draft restored (the field-page benchmark reads this).
  Promise.all(started).then(function () { if (performance.mark) performance.mark("seedreg-form-ready"); });
  if (marker) keepOffline(marker.dataset.offlineScope || location.pathname);
  window.SeedregDrafts = {flush: function () { return outbox.flush(); }};
  window.addEventListener("online", function () { outbox.backoff = 2000; outbox.flush(); });
  window.addEventListener("offline", function () { outbox.tell(WORDS.offline); });
  if (forms.length) setTimeout(function () { outbox.flush(); }, 0);
})();
