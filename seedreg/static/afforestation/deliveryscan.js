/* Deliveries to an afforestation project: each label's QR code read with the phone's camera
   (the browser's BarcodeDetector, else the vendored jsQR, as the field scanner does) adds the
   serial in its URL to the form's list (LabelSignature.serialOf, labelsig.js). The server checks
   each serial against the registry. Without JavaScript the serials are typed. */
(function () {
  var root = document.getElementById("record");
  if (!root || !window.LabelSignature) return;
  var $ = function (id) { return document.getElementById(id); };
  var list = $("f-serials"), state = $("camera-state");
  var stream = null, loop = null;
  function add(serial) {
    var lines = list.value.split(/\s+/).filter(Boolean);
    if (lines.indexOf(serial) >= 0) { state.textContent = "已在列表中：" + serial; return; }
    lines.push(serial); list.value = lines.join("\n");
    state.textContent = "已读取：" + serial + "（共 " + lines.length + " 张），可继续扫码";
  }
  function decoder() {
    if ("BarcodeDetector" in window) {
      var d = new BarcodeDetector({formats: ["qr_code"]});
      return Promise.resolve(function (video) {
        return d.detect(video).then(function (c) { return c.length ? c[0].rawValue : null; }, function () { return null; });
      });
    }
    return new Promise(function (resolve, reject) {
      if (window.jsQR) return resolve(window.jsQR);
      var s = document.createElement("script");
      s.src = root.dataset.decoder; s.onload = function () { resolve(window.jsQR); }; s.onerror = reject;
      document.head.appendChild(s);
    }).then(function (jsQR) {
      var canvas = document.createElement("canvas"), ctx = canvas.getContext("2d", {willReadFrequently: true});
      return function (video) {
        canvas.width = video.videoWidth; canvas.height = video.videoHeight;
        if (!canvas.width) return Promise.resolve(null);
        ctx.drawImage(video, 0, 0);
        var img = ctx.getImageData(0, 0, canvas.width, canvas.height);
        var code = jsQR(img.data, img.width, img.height);
        return Promise.resolve(code ? code.data : null);
      };
    });
  }
  function close() {
    if (loop) clearTimeout(loop);
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null; loop = null;
    $("camera").hidden = true; $("close-camera").hidden = true; $("open-camera").hidden = false;
  }
  function open() {
    var video = $("camera");
    state.textContent = "正在打开相机……";
    Promise.all([navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}, audio: false}), decoder()])
      .then(function (got) {
        stream = got[0]; var decode = got[1], last = "";
        video.srcObject = stream; video.hidden = false;
        $("open-camera").hidden = true; $("close-camera").hidden = false;
        state.textContent = "把标签二维码对准取景框，逐张扫描";
        return video.play().then(function () {
          var tick = function () {
            decode(video).then(function (text) {
              if (!stream) return;
              var serial = text ? LabelSignature.serialOf(text) : "";
              if (serial && serial !== last) { last = serial; add(serial); }
              else if (text && !serial) state.textContent = "这不是本系统的标签二维码";
              loop = setTimeout(tick, 250);
            });
          };
          tick();
        });
      })
      .catch(function (e) {
        close();
        state.textContent = e && e.name === "NotAllowedError" ? "没有相机权限：请在浏览器设置中允许使用相机，或输入序列号" : "无法打开相机，请输入序列号";
      });
  }
  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    $("open-camera").hidden = false;
    $("open-camera").addEventListener("click", open);
    $("close-camera").addEventListener("click", close);
  }
})();
