/* The check form on a phone (issue 22). Without JavaScript the form still posts whole; this
   adds the browser's position, the signature drawn on the screen, label scans from the camera
   (fieldscan.js, each scan kept as hidden scans-<n>-… fields of the form), photos shrunk
   before upload, and one submit per tap. The form's field names are the API body's
   (seedreg/inspections/check_forms.py). */
(function () {
  "use strict";
  var form = document.getElementById("check-form");
  if (!form) return;
  var $ = function (id) { return document.getElementById(id); };

  // --- position (optional; the accuracy is recorded with it) --------------------------------
  if (navigator.geolocation && !$("h-latitude").value) {
    $("gps-state").textContent = "位置：正在定位……";
    navigator.geolocation.getCurrentPosition(function (p) {
      $("h-latitude").value = p.coords.latitude.toFixed(6);
      $("h-longitude").value = p.coords.longitude.toFixed(6);
      $("h-accuracy_m").value = Math.round(p.coords.accuracy);
      $("gps-state").textContent = "位置：北纬" + p.coords.latitude.toFixed(5) + "，东经" +
        p.coords.longitude.toFixed(5) + "（精度约" + Math.round(p.coords.accuracy) + "米）";
    }, function () {
      $("gps-state").textContent = "位置：未取得（可在下方手工填写检查地点）";
    }, {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000});
  }

  // --- signature drawn on the screen ---------------------------------------------------------
  var canvas = $("sign-canvas"), pad = $("sign-pad"), drawn = false;
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
      if (drawn) $("signature-png").value = canvas.toDataURL("image/png");
    };
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
    $("sign-clear").addEventListener("click", function () {
      ctx.clearRect(0, 0, canvas.width, canvas.height); drawn = false; $("signature-png").value = "";
    });
  }

  // --- label scans from the camera, kept with the check ----------------------------------------
  var scanner = $("scanner"), count = 0;
  if (scanner && window.LabelSignature) scanner.hidden = false;
  document.addEventListener("fieldscan:recorded", function (e) {
    var s = e.detail, n = count++, box = document.createElement("p");
    var fields = {idempotency_key: s.key, qr_text: s.qr_text || "", serial: s.qr_text ? "" : (s.serial || ""),
                  phone_result: s.phone_result || "", scanned_at: s.scanned_at};
    Object.keys(fields).forEach(function (name) {
      var input = document.createElement("input");
      input.type = "hidden"; input.name = "scans-" + n + "-" + name; input.value = fields[name];
      box.appendChild(input);
    });
    box.appendChild(document.createTextNode("已扫码：" + (s.serial || "") +
      (s.phone_result === "invalid" ? "（签名无效）" : s.phone_result === "valid" ? "（签名有效）" : "")));
    $("scan-list").appendChild(box);
  });

  // --- photos shrunk before upload (a phone's 4 MB photo becomes a few hundred KB) ----------
  var MAX_SIDE = 1600;
  Array.prototype.forEach.call(form.querySelectorAll("input[type=file]"), function (input) {
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file || file.size < 600000 || !window.createImageBitmap || !window.DataTransfer) return;
      createImageBitmap(file).then(function (bitmap) {
        var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
        var c = document.createElement("canvas");
        c.width = Math.round(bitmap.width * scale); c.height = Math.round(bitmap.height * scale);
        c.getContext("2d").drawImage(bitmap, 0, 0, c.width, c.height);
        c.toBlob(function (blob) {
          if (!blob) return;
          var t = new DataTransfer();
          t.items.add(new File([blob], file.name.replace(/\.\w+$/, "") + ".jpg", {type: "image/jpeg"}));
          input.files = t.files;
        }, "image/jpeg", 0.85);
      }).catch(function () { /* keep the original: the server checks its size */ });
    });
  });

  // --- one submit per tap ---------------------------------------------------------------------
  form.addEventListener("submit", function () {
    var button = $("submit-check");
    setTimeout(function () { button.disabled = true; button.textContent = "正在提交……"; }, 0);
  });
})();
