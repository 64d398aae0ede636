// Draw a nursery base's outline around its point (issue 18). Progressive: without JavaScript the
// form takes a pasted GeoJSON or an imported GeoJSON/KML file; with it, each click on the grid
// adds a corner and the GeoJSON polygon is written into the outline field. There is no imagery
// (no tile server can be reached), so the grid in metres around the typed point is the guide.
(function () {
  "use strict";
  const box = document.getElementById("outline-draw");
  if (!box) return;
  const svg = box.querySelector("svg");
  const shape = box.querySelector(".drawn");
  const status = box.querySelector(".draw-status");
  const target = document.getElementById(box.dataset.target);
  const lat = document.getElementById(box.dataset.lat);
  const lon = document.getElementById(box.dataset.lon);
  const range = box.querySelector("select");
  const SIZE = 400; // the svg's viewBox, pixels
  const METRES_PER_DEGREE = 111320;
  let corners = [];

  function origin() {
    const y = parseFloat(lat.value);
    const x = parseFloat(lon.value);
    return Number.isFinite(x) && Number.isFinite(y) ? { x: x, y: y } : null;
  }

  function toLonLat(px, py) {
    const o = origin();
    const metresPerPixel = (2 * parseFloat(range.value)) / SIZE;
    const north = (SIZE / 2 - py) * metresPerPixel;
    const east = (px - SIZE / 2) * metresPerPixel;
    const cos = Math.cos((o.y * Math.PI) / 180);
    return [
      +(o.x + east / (METRES_PER_DEGREE * cos)).toFixed(6),
      +(o.y + north / METRES_PER_DEGREE).toFixed(6),
    ];
  }

  function redraw() {
    shape.setAttribute("points", corners.map((c) => c.px + "," + c.py).join(" "));
    if (corners.length >= 3) {
      const ring = corners.map((c) => toLonLat(c.px, c.py));
      ring.push(ring[0]);
      target.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
      status.textContent = "已画 " + corners.length + " 个角点，边界已填入上面的文本框。";
    } else {
      status.textContent = "已画 " + corners.length + " 个角点；至少需要三个。";
    }
  }

  svg.addEventListener("click", function (event) {
    if (!origin()) {
      status.textContent = "请先填写纬度和经度：网格以该点为中心。";
      return;
    }
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const at = point.matrixTransform(svg.getScreenCTM().inverse());
    corners.push({ px: Math.round(at.x), py: Math.round(at.y) });
    redraw();
  });
  box.querySelector(".draw-undo").addEventListener("click", function () {
    corners.pop();
    redraw();
  });
  box.querySelector(".draw-clear").addEventListener("click", function () {
    corners = [];
    target.value = "";
    redraw();
  });
  range.addEventListener("change", function () {
    corners = [];
    redraw();
  });
  box.hidden = false;
})();
