/* Label QR signatures, checked in the browser with the league's published Ed25519 key
   (WebCrypto): the formats are documented in seedreg/labels/payload.py (FORMAT_DOC) and checked
   in Python by seedreg/labels/signing.py. One file for the downloadable offline verifier (which
   inlines it, to stay a single file) and the officials' scan page (which loads it).

   LabelSignature.verify(text, keyB64, baseUrl) resolves to the signed fields, or rejects with an
   Error whose .reason is the Chinese reason shown to people. */
(function (root) {
  "use strict";
  var UNITS = {1: "kg", 2: "株", 3: "g"};
  var FORMAT_ERROR = "二维码格式不正确";

  function fail(reason) { var e = new Error(reason); e.reason = reason; return e; }

  function b64ToBytes(b64) {
    var bin = atob(b64), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function b64urlToBytes(token) {
    if (!/^[A-Za-z0-9_-]+$/.test(token) || token.length % 4 === 1) throw fail(FORMAT_ERROR + "：签名串不是有效的 base64url");
    var b64 = token.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) b64 += "=";
    return b64ToBytes(b64);
  }

  function split(text) {
    text = text.trim();
    var hash = text.lastIndexOf("#");
    if (hash >= 0) {
      var prefix = text.slice(0, hash), m = prefix.match(/\/v\/([^\/?#]+)$/);
      if (!m) throw fail(FORMAT_ERROR + "：网址中没有 /v/序列号");
      return {token: text.slice(hash + 1), serial: decodeURIComponent(m[1]), prefix: prefix};
    }
    if (text.indexOf("/") >= 0 || text.indexOf(":") >= 0) throw fail(FORMAT_ERROR + "：缺少“#”之后的签名");
    return {token: text, serial: null, prefix: null};
  }

  function reader(body) {
    var r = {pos: 0}, utf8 = new TextDecoder("utf-8", {fatal: true});
    r.take = function (n) { if (r.pos + n > body.length) throw fail(FORMAT_ERROR + "：内容不完整"); var c = body.subarray(r.pos, r.pos + n); r.pos += n; return c; };
    r.text = function () {
      var len = r.take(1)[0];
      try { return utf8.decode(r.take(len)); } catch (e) { if (e.reason) throw e; throw fail(FORMAT_ERROR + "：文字不是有效的 UTF-8"); }
    };
    r.varint = function () {
      var value = 0, shift = 0, byte, n = 0;
      do { byte = r.take(1)[0]; value += (byte & 0x7f) * Math.pow(2, shift); shift += 7; n++; } while ((byte & 0x80) && n < 5);
      if (byte & 0x80) throw fail(FORMAT_ERROR + "：数量字段过长");
      return value;
    };
    r.rest = function (out) {
      var d = r.take(2), days = d[0] * 256 + d[1];
      out.issued_on = new Date(Date.UTC(2000, 0, 1) + days * 86400000).toISOString().slice(0, 10);
      out.version = r.take(1)[0];
      if (r.pos !== body.length) throw fail(FORMAT_ERROR + "：末尾有多余的字节");
      return out;
    };
    return r;
  }

  // Format 1: serial, lot, licence number and species as texts; quantity; unit; date; version.
  function decode(body) {
    var r = reader(body), out = {};
    if (r.take(1)[0] !== 1) throw fail(FORMAT_ERROR + "：不支持的格式版本");
    ["serial", "lot", "licence_number", "species"].forEach(function (name) { out[name] = r.text(); });
    out.quantity = r.varint();
    out.unit = UNITS[r.take(1)[0]];
    if (!out.unit) throw fail(FORMAT_ERROR + "：未知的单位");
    return r.rest(out);
  }

  // Format 2: the serial is in the URL only; lot; licence number as 6 bytes; species;
  // quantity × 4 + unit; date; version.
  function decode2(content, serial) {
    var r = reader(content), out = {serial: serial};
    if (r.take(1)[0] !== 2) throw fail(FORMAT_ERROR + "：不支持的格式版本");
    out.lot = r.text();
    var l = r.take(6), licence = 0;
    for (var i = 0; i < 6; i++) licence = licence * 256 + l[i];
    if (licence >= 1e14) throw fail(FORMAT_ERROR + "：许可证编号超过 14 位");
    out.licence_number = String(licence).padStart(14, "0");
    out.species = r.text();
    var packed = r.varint();
    out.unit = UNITS[packed % 4];
    if (!out.unit) throw fail(FORMAT_ERROR + "：未知的单位");
    out.quantity = Math.floor(packed / 4);
    return r.rest(out);
  }

  function digitsToBytes(digits) {
    if (!/^[1-9][0-9]{0,799}$/.test(digits)) throw fail(FORMAT_ERROR + "：签名数字串不规范");
    var n = BigInt(digits), out = [], byte = BigInt(256);
    while (n > BigInt(0)) { out.push(Number(n % byte)); n = n / byte; }
    return new Uint8Array(out.reverse());
  }

  async function publicKey(keyB64) {
    if (!(root.crypto && crypto.subtle)) throw fail("此浏览器不能进行签名核验，请使用新版浏览器或命令行工具");
    try {
      return await crypto.subtle.importKey("spki", b64ToBytes(keyB64), {name: "Ed25519"}, false, ["verify"]);
    } catch (e) { throw fail("此浏览器不支持 Ed25519 签名核验，请使用新版浏览器或命令行工具"); }
  }

  async function verify(text, keyB64, baseUrl) {
    var parts = split(text), v2 = /^[0-9]+$/.test(parts.token), payload;
    if (v2 && parts.serial === null) throw fail(FORMAT_ERROR + "：第 2 版二维码需要完整网址（含序列号）");
    var data = v2 ? digitsToBytes(parts.token) : b64urlToBytes(parts.token);
    if (data.length <= 64) throw fail(FORMAT_ERROR + "：签名串过短");
    var body = data.subarray(0, data.length - 64), signature = data.subarray(data.length - 64);
    if (body[0] !== (v2 ? 2 : 1)) throw fail(FORMAT_ERROR + "：不支持的格式版本");
    var signed = body;
    if (v2) {  // the serial from the URL, put back after the format byte: it is signed
      var serial = new TextEncoder().encode(parts.serial);
      if (!serial.length || serial.length > 96) throw fail(FORMAT_ERROR + "：序列号长度不正确");
      signed = new Uint8Array(body.length + 1 + serial.length);
      signed[0] = 2; signed[1] = serial.length; signed.set(serial, 2); signed.set(body.subarray(1), 2 + serial.length);
    }
    var ok = await crypto.subtle.verify({name: "Ed25519"}, await publicKey(keyB64), signature, signed);
    if (!ok) throw fail("签名无效（标签内容被篡改或伪造）");
    payload = v2 ? decode2(body, parts.serial) : decode(body);
    if (parts.serial !== null && parts.serial !== payload.serial) throw fail("序列号与签名内容不一致");
    payload.otherSite = parts.prefix !== null && parts.prefix !== baseUrl + "/v/" + encodeURIComponent(payload.serial);
    return payload;
  }

  /* The serial a QR text names (in its URL), signed or not: a tampered code is still recorded
     under the serial it claims. */
  function serialOf(text) {
    try { return split(text).serial || ""; } catch (e) { return ""; }
  }

  /* The signed fields as rows of (caption, value), in the order labels print them. */
  function rows(payload) {
    return [["标签序列号", payload.serial], ["批次号", payload.lot], ["许可证编号", payload.licence_number],
      ["树种", payload.species], ["数量", payload.quantity + " " + payload.unit], ["签发日期", payload.issued_on],
      ["标签版本", payload.version === 1 ? "原标签" : "补发标签 " + (payload.version - 1)]];
  }

  root.LabelSignature = {verify: verify, serialOf: serialOf, rows: rows, FORMAT_ERROR: FORMAT_ERROR};
})(window);
