/* dyad dashboard: small SVG charts drawn from the page's JSON data block; no library, no network beyond
   this server. Text from the data is always set with textContent, never parsed as HTML. */
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const COOP = "#2e7d32";
const CONFLICT = "#c62828";

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

function pageData() {
  const block = document.getElementById("page-data");
  return block ? JSON.parse(block.textContent) : {};
}

function query(params) {
  const parts = [];
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(v));
  }
  return parts.join("&");
}

/* One tooltip for the page; content is plain text lines. */
const tooltip = (() => {
  let box = null;
  return {
    show(event, lines) {
      if (!box) {
        box = document.createElement("div");
        box.className = "tooltip";
        box.setAttribute("role", "status");
        document.body.appendChild(box);
      }
      box.replaceChildren(...lines.map((line, i) => {
        const row = document.createElement(i === 0 ? "strong" : "div");
        row.textContent = line;
        return row;
      }));
      box.hidden = false;
      box.style.left = Math.min(event.pageX + 12, window.scrollX + window.innerWidth - 260) + "px";
      box.style.top = event.pageY + 12 + "px";
    },
    hide() { if (box) box.hidden = true; },
  };
})();

function interactive(node, lines, href) {
  node.addEventListener("mousemove", (e) => tooltip.show(e, lines));
  node.addEventListener("mouseleave", () => tooltip.hide());
  if (href) {
    node.classList.add("clickable");
    node.addEventListener("click", (e) => { if (!e.defaultPrevented) window.location.href = href; });
  }
}

/* Goldstein -10..10 to a colour from conflict red through grey to cooperation green. */
function goldsteinColour(g) {
  if (g === null || g === undefined || Number.isNaN(g)) return "#9e9e9e";
  const t = Math.max(-1, Math.min(1, g / 10));
  const grey = [158, 158, 158];
  const end = t < 0 ? [198, 40, 40] : [46, 125, 50];
  const a = Math.abs(t) ** 0.6;
  const c = grey.map((v, i) => Math.round(v + (end[i] - v) * a));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/* Dates keep their year: "2020-02-10", "2020-02"; at most `room` labels, spread evenly. */
function labelEvery(count, width, chars) {
  const room = Math.max(2, Math.floor(width / (chars * 7 + 16)));
  return Math.max(1, Math.ceil(count / room));
}

/* The accessible name of a chart: its container's label, or the caption it points at. */
function nameChart(svg, container) {
  svg.setAttribute("role", "img");
  const by = container.dataset.labelledby;
  if (by) svg.setAttribute("aria-labelledby", by);
  else svg.setAttribute("aria-label", container.dataset.label || "chart");
}

/* The drawing width in pixels, so 12 px text stays 12 px whatever the screen. */
function widthOf(container) {
  return Math.max(280, Math.round(container.clientWidth || 720) - 8);
}

/* Bars over time (up and optional down) on a zero line, an optional line on its own -10..+10 axis, brush
   zoom and click-through. `opts.scale` ({up, down}) shares one scale between the charts of a group. */
/* The zoom of a page's time charts, as bucket labels from..to: shared by all of them and kept in the URL
   (#zoom=FROM..TO), so a zoomed view can be linked to. Also whether bars show events per 1,000 articles. */
const view = { from: null, to: null, perThousand: false, charts: new Map() };

function readZoom() {
  const m = /zoom=([^&]+)\.\.([^&]+)/.exec(window.location.hash);
  [view.from, view.to] = m ? [decodeURIComponent(m[1]), decodeURIComponent(m[2])] : [null, null];
}

function setZoom(from, to) {
  view.from = from;
  view.to = to;
  const url = window.location.pathname + window.location.search;
  history.replaceState(null, "", from ? `${url}#zoom=${encodeURIComponent(from)}..${encodeURIComponent(to)}` : url);
  view.charts.forEach((draw) => draw());
}

/* The shown slice [lo, hi) of a chart's bucket labels under the page's zoom (all of them without one). */
function zoomed(labels) {
  if (!view.from) return [0, labels.length];
  const first = labels.findIndex((l) => l >= view.from);
  let last = -1;
  labels.forEach((l, i) => { if (l <= view.to) last = i; });
  return first >= 0 && last >= first ? [first, last + 1] : [0, labels.length];
}

/* Drag across a time chart to zoom every time chart of the page to the buckets dragged over; a double-click
   resets. `g.label(i)` is the label of the i-th bucket shown, drawn `g.step` wide from `g.left`. */
function brush(svg, g) {
  let start = null, band = null;
  const toIndex = (evt) => {
    const box = svg.getBoundingClientRect();
    const x = (evt.clientX - box.left) * (svg.viewBox.baseVal.width / box.width);
    return Math.max(0, Math.min(g.count - 1, Math.floor((x - g.left) / g.step)));
  };
  svg.addEventListener("mousedown", (evt) => {
    start = toIndex(evt);
    band = el("rect", { x: g.left + start * g.step, y: g.top, width: g.step, height: g.bottom - g.top, class: "brush" }, svg);
  });
  svg.addEventListener("mousemove", (evt) => {
    if (start === null) return;
    const now = toIndex(evt);
    band.setAttribute("x", g.left + Math.min(start, now) * g.step);
    band.setAttribute("width", (Math.abs(now - start) + 1) * g.step);
  });
  svg.addEventListener("mouseup", (evt) => {
    if (start === null) return;
    const end = toIndex(evt);
    const a = Math.min(start, end), b = Math.max(start, end);
    start = null;
    if (b > a) {  // a drag, not a click: zoom every chart of the page in and swallow the click
      evt.preventDefault();
      svg.addEventListener("click", (e) => e.preventDefault(), { capture: true, once: true });
      setZoom(g.label(a), g.label(b));
    } else if (band) {
      band.remove();
    }
  });
  svg.addEventListener("dblclick", () => setZoom(null, null));
}

function timeBars(container, points, opts) {
  let lo = 0, hi = points.length;

  function draw() {
    [lo, hi] = zoomed(points.map((p) => p.label));
    const W = widthOf(container), H = opts.height || 220;
    const M = { l: 44, r: opts.line ? 40 : 12, t: 12, b: 30 };
    container.replaceChildren();
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "plot" }, container);
    nameChart(svg, container);
    const rate = opts.rate && view.perThousand;
    const shown = points.slice(lo, hi).map((p) => (rate ? { ...p, up: perK(p.up, p.articles), down: perK(p.down, p.articles) } : p));
    if (!shown.length) {
      el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "tick" }, svg).textContent = "no data";
      return;
    }
    const scale = opts.scale ? opts.scale(lo, hi, rate) : null;
    const local = (key) => Math.max(1, ...shown.map((p) => p[key]));
    const tick = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
    const maxUp = scale ? scale.up : local("up");
    const maxDown = opts.down ? (scale ? scale.down : local("down")) : 0;
    const top = M.t, bottom = H - M.b;
    const zero = opts.down ? top + (bottom - top) * (maxUp / (maxUp + maxDown)) : bottom;
    const perUnit = (zero - top) / maxUp;
    const step = (W - M.l - M.r) / shown.length;
    const bw = Math.max(1, step * 0.8);
    el("text", { x: M.l - 6, y: top + 10, "text-anchor": "end", class: "tick" }, svg).textContent = tick(maxUp);
    el("text", { x: M.l - 6, y: zero + 4, "text-anchor": "end", class: "tick" }, svg).textContent = "0";
    if (opts.down) {
      el("text", { x: M.l - 6, y: bottom, "text-anchor": "end", class: "tick" }, svg).textContent = tick(maxDown);
    }
    const every = labelEvery(shown.length, W - M.l - M.r, shown[0].label.length);
    shown.forEach((p, i) => {
      const x = M.l + i * step + (step - bw) / 2;
      const group = el("g", { class: "bar" }, svg);
      el("rect", { x: M.l + i * step, y: top, width: step, height: bottom - top, fill: "transparent" }, group);
      if (p.up > 0) {
        el("rect", { x, y: zero - p.up * perUnit, width: bw, height: p.up * perUnit, fill: opts.upColour || COOP,
          class: "up" }, group);
      }
      if (opts.down && p.down > 0) {
        el("rect", { x, y: zero, width: bw, height: p.down * perUnit, fill: CONFLICT, class: "down" }, group);
      }
      interactive(group, p.lines, p.href);
      if (i % every === 0) {
        el("text", { x: M.l + i * step + step / 2, y: H - 10, "text-anchor": "middle", class: "tick" }, svg).textContent = p.label;
      }
    });
    el("line", { x1: M.l, x2: W - M.r, y1: zero, y2: zero, class: "axis zero" }, svg);
    if (opts.line) {
      // Goldstein 0 sits on the bars' zero line: +10 at the top, −10 at the bottom.
      const y = (g) => (g >= 0 ? zero - g / 10 * (zero - top) : zero + -g / 10 * (bottom - zero));
      // A bucket without events has no tone: the line breaks there rather than bridging the gap.
      let d = "", open = false;
      shown.forEach((p, i) => {
        if (p.line === null || p.line === undefined) { open = false; return; }
        d += (open ? "L" : "M") + (M.l + i * step + step / 2).toFixed(1) + "," + y(p.line).toFixed(1);
        open = true;
      });
      if (d) el("path", { d, class: "goldstein-line", fill: "none" }, svg);
      shown.forEach((p, i) => {
        if (p.line !== null && p.line !== undefined) {
          el("circle", { cx: M.l + i * step + step / 2, cy: y(p.line), r: 3, class: "goldstein-dot" }, svg);
        }
      });
      el("text", { x: W - M.r + 4, y: top + 10, class: "tick" }, svg).textContent = "+10";
      el("text", { x: W - M.r + 4, y: y(0) + 4, class: "tick" }, svg).textContent = "0";
      el("text", { x: W - M.r + 4, y: bottom, class: "tick" }, svg).textContent = "−10";
    }
    brush(svg, { left: M.l, step, top, bottom, count: hi - lo, label: (i) => points[lo + i].label });
  }

  container.dataset.points = String(points.length);
  view.charts.set(container, draw);
  draw();
}

function perK(n, articles) {
  return articles ? (1000 * n) / articles : 0;
}

/* Charts are drawn at their pixel width: redraw them when it changes. */
const redraws = [];
let lastWidth = window.innerWidth;
window.addEventListener("resize", () => {
  if (window.innerWidth === lastWidth) return;
  lastWidth = window.innerWidth;
  clearTimeout(window.__dyadResize);
  window.__dyadResize = setTimeout(() => redraws.forEach((draw) => draw()), 150);
});

function drawCoverage(container, data) {
  const days = data.articles_per_day || [];
  timeBars(container, days.map((d) => ({
    label: d.day, up: d.articles, down: 0, line: null,
    lines: [d.day, `${d.articles} article(s)`],
    href: d.articles ? "/search?" + query({ since: d.day, until: d.day, issue: data.issue ? data.issue.id : null }) : null,
  })), { upColour: "#1565c0", height: 170 });
}

/* The largest cooperation and conflict bar over both directions, in the zoomed range, as counts or per
   1,000 articles: one scale for the pair's two charts. */
function pairScale(data) {
  const rows = (data.series && data.series.series) || [];
  const directions = [data.pair.join("->"), data.pair.slice().reverse().join("->")];
  return (lo, hi, rate) => {
    let up = rate ? 0.1 : 1, down = rate ? 0.1 : 1;
    for (const row of rows.slice(lo, hi)) {
      for (const d of directions) {
        const q = (row[d] || { quad_classes: {} }).quad_classes;
        const coop = (q["1"] || 0) + (q["2"] || 0), conflict = (q["3"] || 0) + (q["4"] || 0);
        up = Math.max(up, rate ? perK(coop, row.articles) : coop);
        down = Math.max(down, rate ? perK(conflict, row.articles) : conflict);
      }
    }
    return { up, down };
  };
}

function drawDirection(container, data) {
  const dir = container.dataset.direction;
  const rows = (data.series && data.series.series) || [];
  timeBars(container, rows.map((row) => {
    const t = row[dir] || { quad_classes: {}, events: 0, mean_goldstein: null };
    const q = t.quad_classes;
    const up = (q["1"] || 0) + (q["2"] || 0), down = (q["3"] || 0) + (q["4"] || 0);
    return {
      label: row.bucket, articles: row.articles,
      up, down, line: t.events ? t.mean_goldstein : null,
      lines: [`${dir.replace("->", " → ")} · ${row.bucket}`, `cooperation ${up} (verbal ${q["1"] || 0}, material ${q["2"] || 0})`,
        `conflict ${down} (verbal ${q["3"] || 0}, material ${q["4"] || 0})`,
        `mean Goldstein ${t.mean_goldstein === null ? "–" : t.mean_goldstein}`,
        `${row.articles} article(s) stored in this ${data.by}`],
      href: t.events ? "/events?" + query({ pair: container.dataset.source + "," + container.dataset.target,
        directed: "true", since: row.since, until: row.until, asserted: "true" }) : null,
    };
  }), { down: true, line: true, rate: true, scale: pairScale(data) });
}

/* Issues (rows) by time bucket (columns), shaded by events; it follows the page's zoom like the bar charts
   and zooms them all when dragged across. */
function drawHeatmap(container, data) {
  const heat = data.heatmap || { buckets: [], issues: [] };
  const rows = (data.series && data.series.series) || [];
  if (!heat.issues.length) {
    container.replaceChildren();
    const p = document.createElement("p");
    p.className = "empty";
    p.textContent = "No issues tagged on events between this pair.";
    container.appendChild(p);
    return;
  }
  const max = Math.max(1, ...heat.issues.flatMap((i) => i.counts));

  function draw() {
    const [lo, hi] = zoomed(heat.buckets);
    const buckets = heat.buckets.slice(lo, hi);
    container.replaceChildren();
    const W = widthOf(container), left = Math.min(220, Math.round(W * 0.38)), top = 8;
    const H = top + 24 * heat.issues.length + 30;
    const cell = (W - left - 10) / Math.max(1, buckets.length);
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "plot heatmap" }, container);
    nameChart(svg, container);
    const chars = Math.max(8, Math.floor((left - 10) / 7));
    heat.issues.forEach((issue, r) => {
      const y = top + r * 24;
      const label = (data.labels && data.labels[issue.id]) || issue.id;
      el("text", { x: left - 6, y: y + 15, "text-anchor": "end", class: "tick" }, svg).textContent =
        label.length > chars ? label.slice(0, chars - 1) + "…" : label;
      issue.counts.slice(lo, hi).forEach((n, c) => {
        const rect = el("rect", { x: left + c * cell, y, width: Math.max(0.5, cell - 1), height: 21, class: "cell",
          fill: n ? `rgba(106,27,154,${(0.2 + 0.8 * n / max).toFixed(3)})` : "#f3f3f3" }, svg);
        const bounds = rows[lo + c] || {};
        interactive(rect, [label, buckets[c], `${n} event(s)`], n ? "/events?" + query({
          pair: data.pair.join(","), issue: issue.id, since: bounds.since, until: bounds.until, asserted: "true" }) : null);
      });
    });
    // Labels centred on their column, as many as fit without touching, none past the right edge.
    const every = labelEvery(buckets.length, W - left - 10, (buckets[0] || "").length);
    const half = (buckets[0] || "").length * 3.5;
    buckets.forEach((b, c) => {
      const x = left + c * cell + cell / 2;
      if (c % every === 0 && x + half <= W) {
        el("text", { x, y: H - 8, "text-anchor": "middle", class: "tick" }, svg).textContent = b;
      }
    });
    brush(svg, { left, step: cell, top, bottom: H - 30, count: buckets.length, label: (i) => buckets[i] });
    container.dataset.points = String(buckets.length);
  }

  view.charts.set(container, draw);
  draw();
}

/* Pan and zoom an SVG by its viewBox: wheel zooms around the pointer, drag pans. */
function panZoom(svg, W, H) {
  let box = [0, 0, W, H], drag = null;
  const apply = () => svg.setAttribute("viewBox", box.map((v) => v.toFixed(1)).join(" "));
  const point = (evt) => {
    const r = svg.getBoundingClientRect();
    return [box[0] + (evt.clientX - r.left) / r.width * box[2], box[1] + (evt.clientY - r.top) / r.height * box[3]];
  };
  svg.addEventListener("wheel", (evt) => {
    evt.preventDefault();
    const [px, py] = point(evt);
    const k = evt.deltaY < 0 ? 0.8 : 1.25;
    const w = Math.min(W * 2, Math.max(W / 40, box[2] * k)), h = w * H / W;
    box = [px - (px - box[0]) * (w / box[2]), py - (py - box[1]) * (h / box[3]), w, h];
    apply();
  }, { passive: false });
  svg.addEventListener("mousedown", (evt) => { drag = { x: evt.clientX, y: evt.clientY, box: box.slice(), moved: false }; });
  window.addEventListener("mousemove", (evt) => {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    const dx = (evt.clientX - drag.x) / r.width * box[2], dy = (evt.clientY - drag.y) / r.height * box[3];
    if (Math.abs(evt.clientX - drag.x) + Math.abs(evt.clientY - drag.y) > 3) drag.moved = true;
    box = [drag.box[0] - dx, drag.box[1] - dy, box[2], box[3]];
    apply();
  });
  window.addEventListener("mouseup", () => {
    if (drag && drag.moved) svg.addEventListener("click", (e) => { e.preventDefault(); e.stopPropagation(); },
      { capture: true, once: true });
    drag = null;
  });
  svg.addEventListener("dblclick", () => { box = [0, 0, W, H]; apply(); });
  /* Frame the region x0..x1, y0..y1 (room kept for names right of the nodes) at the drawing's aspect
     ratio, never closer than 4x; nothing to frame shows the whole drawing. */
  return (x0, y0, x1, y1) => {
    if (!(x1 >= x0 && y1 >= y0)) { box = [0, 0, W, H]; apply(); return; }
    const left = x0 - 30, right = x1 + 110, top = y0 - 24, bottom = y1 + 24;
    const w = Math.min(W, Math.max(W / 4, right - left, (bottom - top) * W / H)), h = w * H / W;
    box = [(left + right - w) / 2, (top + bottom - h) / 2, w, h];
    apply();
  };
}

/* The world from 84°N to 58°S (no empty Antarctic band), drawn at the container's pixel width like the
   other charts: circles and outlines keep their pixel size on a phone and on a wide screen. */
const NORTH = 84, SOUTH = -58;
let shapesRequest = null;  // fetched once, however often the map is redrawn

function loadShapes(url) {
  shapesRequest = shapesRequest || fetch(url).then((r) => r.json());
  return shapesRequest;
}

function drawMap(container, data) {
  const W = widthOf(container), H = Math.round(W * (NORTH - SOUTH) / 360);
  const project = (lon, lat) => [(lon + 180) / 360 * W, (NORTH - lat) / (NORTH - SOUTH) * H];
  container.replaceChildren();
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "plot map" }, container);
  nameChart(svg, container);
  el("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }, svg);
  for (let lon = -180; lon <= 180; lon += 30) {
    const [x] = project(lon, 0);
    el("line", { x1: x, x2: x, y1: 0, y2: H, class: "graticule" }, svg);
  }
  for (let lat = -30; lat <= 60; lat += 30) {
    const [, y] = project(0, lat);
    el("line", { x1: 0, x2: W, y1: y, y2: y, class: "graticule" }, svg);
  }
  const counts = new Map((data.countries || []).map((c) => [c.country, c]));
  const max = Math.max(1, ...(data.countries || []).map((c) => c.events));
  const shade = (n) => `rgba(21,101,192,${(0.15 + 0.85 * Math.log1p(n) / Math.log1p(max)).toFixed(3)})`;
  const countryLines = (code, name) => {
    const c = counts.get(code);
    return [name || code, c ? `${c.events} event(s)` : "no events", c ? `mean Goldstein ${c.mean_goldstein}` : ""];
  };
  const layers = { countries: el("g", { class: "countries" }, svg), places: el("g", { class: "places" }, svg) };

  function drawPlaces() {
    const pmax = Math.max(1, ...(data.places || []).map((p) => p.events || p.articles));
    for (const p of data.places || []) {
      const [x, y] = project(p.lon, p.lat);
      const r = 2 + 8 * Math.sqrt((p.events || p.articles) / pmax);
      const dot = el("circle", { cx: x, cy: y, r, class: "place" }, layers.places);
      interactive(dot, [p.name, `${p.events} event(s) located here`, `${p.articles} article(s) mention it`],
        p.country ? "/country/" + encodeURIComponent(p.country) : null);
    }
  }

  function drawCentroids() {
    for (const [code, [lat, lon, name]] of Object.entries(data.centroids || {})) {
      const c = counts.get(code);
      const [x, y] = project(lon, lat);
      const dot = el("circle", { cx: x, cy: y, r: 3 + 14 * Math.sqrt(c.events / max), class: "country-dot",
        fill: shade(c.events) }, layers.countries);
      dot.dataset.code = code;
      interactive(dot, countryLines(code, name), "/country/" + encodeURIComponent(code));
    }
  }

  panZoom(svg, W, H);
  if (!data.shapes) {
    drawCentroids();
    drawPlaces();
    container.dataset.drawn = "centroids";
    return;
  }
  loadShapes(data.shapes).then((shapes) => {
    for (const [code, shape] of Object.entries(shapes.countries)) {
      let d = "";
      for (const ring of shape.rings) {
        ring.forEach(([lon, lat], i) => {
          const [x, y] = project(lon, lat);
          d += (i ? "L" : "M") + x.toFixed(1) + "," + y.toFixed(1);
        });
        d += "Z";
      }
      const c = counts.get(code);
      const path = el("path", { d, class: "country" + (c ? " active" : ""), fill: c ? shade(c.events) : "#e8e8e8" },
        layers.countries);
      path.dataset.code = code;
      interactive(path, countryLines(code, shape.name), c ? "/country/" + encodeURIComponent(code) : null);
    }
    drawPlaces();
    container.dataset.drawn = "shapes";
  }).catch(() => { drawCentroids(); drawPlaces(); container.dataset.drawn = "centroids"; });
}

function drawNetwork(container, data) {
  const net = data.network || data;
  const nodes = (net.nodes || []).map((n) => ({ ...n }));
  const edges = net.edges || [];
  container.replaceChildren();
  if (!nodes.length) {
    const p = document.createElement("p");
    p.className = "empty";
    p.textContent = "No actor-to-actor events match.";
    container.appendChild(p);
    return;
  }
  const W = widthOf(container), H = Math.max(360, Math.round(W * 0.62));  // pixels: labels stay 11 px
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  nodes.forEach((n, i) => {
    const a = 2 * Math.PI * i / nodes.length;
    n.x = W / 2 + Math.cos(a) * W / 3;
    n.y = H / 2 + Math.sin(a) * H / 3;
  });
  // A few hundred steps of a spring layout (Fruchterman-Reingold): repulsion between nearby nodes, springs
  // along edges, and a pull to the centre that keeps separate components on screen.
  const k = Math.sqrt(W * H / nodes.length) * 0.5;
  const reach = 3 * k;
  for (let step = 0; step < 300; step++) {
    const heat = 15 * (1 - step / 300) + 0.5;
    const dx = new Float64Array(nodes.length), dy = new Float64Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
        const d2 = Math.max(1, x * x + y * y);
        if (d2 > reach * reach) continue;
        const f = k * k / d2;
        dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
      }
    }
    for (const e of edges) {
      const i = index.get(e.source), j = index.get(e.target);
      if (i === undefined || j === undefined || i === j) continue;
      const x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y, d = Math.max(1, Math.hypot(x, y));
      const f = d / k;
      dx[i] -= x * f; dy[i] -= y * f; dx[j] += x * f; dy[j] += y * f;
    }
    nodes.forEach((n, i) => {
      dx[i] += (W / 2 - n.x) * 0.08; dy[i] += (H / 2 - n.y) * 0.08;
      const d = Math.max(1, Math.hypot(dx[i], dy[i]));
      n.x = Math.min(W - 20, Math.max(20, n.x + dx[i] / d * Math.min(d, heat)));
      n.y = Math.min(H - 20, Math.max(20, n.y + dy[i] / d * Math.min(d, heat)));
    });
  }
  // The pull to the centre leaves the drawing small: stretch it to fill the box (room kept for names).
  const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const fit = (v, lo, hi, from, to) => (hi > lo ? from + (v - lo) / (hi - lo) * (to - from) : (from + to) / 2);
  nodes.forEach((n) => {
    n.x = fit(n.x, x0, x1, 30, W - 110);
    n.y = fit(n.y, y0, y1, 24, H - 24);
  });
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "plot network" }, container);
  nameChart(svg, container);
  const defs = el("defs", {}, svg);
  const marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 8,
    markerHeight: 8, markerUnits: "userSpaceOnUse", orient: "auto" }, defs);
  el("path", { d: "M0,0L10,5L0,10Z", fill: "#666" }, marker);
  const level = data.level || "actor";
  const emax = Math.max(1, ...nodes.map((n) => n.events));
  const radius = (n) => 4 + 10 * Math.sqrt(n.events / emax);
  for (const e of edges) {
    const a = nodes[index.get(e.source)], b = nodes[index.get(e.target)];
    if (!a || !b || a === b) continue;
    // A slight bend to the right of the direction keeps A->B and B->A apart; the arrow stops at the node.
    const mx = (a.x + b.x) / 2 + (b.y - a.y) * 0.15, my = (a.y + b.y) / 2 - (b.x - a.x) * 0.15;
    const tx = b.x - mx, ty = b.y - my, tl = Math.max(1, Math.hypot(tx, ty));
    const ex = b.x - tx / tl * (radius(b) + 2), ey = b.y - ty / tl * (radius(b) + 2);
    const f = (v) => v.toFixed(1);
    const line = el("path", { d: `M${f(a.x)},${f(a.y)}Q${f(mx)},${f(my)} ${f(ex)},${f(ey)}`, class: "edge",
      fill: "none", stroke: goldsteinColour(e.mean_goldstein),
      "stroke-width": (1 + Math.log2(1 + e.events) * 1.5).toFixed(2), "marker-end": "url(#arrow)" }, svg);
    Object.assign(line.dataset, { events: e.events, source: e.source, target: e.target });
    const params = { pair: `${e.source_country},${e.target_country}`, directed: "true" };
    if (level === "actor") params.actor = e.source;
    interactive(line, [`${e.source_name} → ${e.target_name}`, `${e.events} event(s): ${e.cooperation} cooperation, ${e.conflict} conflict`,
      `mean Goldstein ${e.mean_goldstein}`], "/events?" + query(params));
  }
  // Names of the busiest nodes, as long as they do not overlap a name already placed; every node names
  // itself on hover, and the search names what it finds.
  const placed = [];
  const free = (box) => !placed.some((p) => box.x < p.x + p.w && p.x < box.x + box.w && box.y < p.y + p.h && p.y < box.y + box.h);
  const busiest = nodes.slice().sort((p, q) => q.events - p.events);
  for (const n of busiest) {
    const g = el("g", { class: "node" }, svg);
    Object.assign(g.dataset, { id: n.id, name: (n.name || n.id).toLowerCase() });
    el("circle", { cx: n.x, cy: n.y, r: radius(n), fill: goldsteinColour(n.mean_goldstein) }, g);
    const name = n.name || n.id;
    const box = { x: n.x + radius(n) + 2, y: n.y - 8, w: name.length * 6.6 + 4, h: 14 };
    const label = el("text", { x: box.x, y: n.y + 4, class: "label" }, g);
    label.textContent = name;
    if (placed.length < 40 && free(box)) placed.push(box);
    else label.classList.add("hidden-label");
    const href = level === "actor" ? "/actor/" + encodeURIComponent(n.id) : "/country/" + encodeURIComponent(n.id);
    interactive(g, [name, n.country || "", `${n.events} event(s)`, `mean Goldstein ${n.mean_goldstein}`], href);
  }
  wireNetworkControls(svg, panZoom(svg, W, H));
  container.dataset.drawn = String(nodes.length);
}

/* The network page's controls: hide edges under a minimum number of events (and the nodes left alone),
   framing what is left with `frame` (see panZoom), and find nodes by name. */
function wireNetworkControls(svg, frame) {
  const weight = document.getElementById("min-weight"), search = document.getElementById("node-search");
  const shown = document.getElementById("min-weight-value");
  const apply = () => {
    const min = weight ? Number(weight.value) : 1;
    if (shown) shown.textContent = String(min);
    const linked = new Set();
    for (const edge of svg.querySelectorAll("path.edge")) {
      const off = Number(edge.dataset.events) < min;
      edge.classList.toggle("off", off);
      if (!off) { linked.add(edge.dataset.source); linked.add(edge.dataset.target); }
    }
    const wanted = search ? search.value.trim().toLowerCase() : "";
    let found = 0;
    for (const node of svg.querySelectorAll("g.node")) {
      node.classList.toggle("off", !linked.has(node.dataset.id));
      const match = wanted !== "" && node.dataset.name.includes(wanted);
      node.classList.toggle("match", match);
      node.classList.toggle("dim", wanted !== "" && !match);
      if (match) found += 1;
    }
    if (search) search.setAttribute("aria-description", `${found} found`);
    svg.dataset.visibleEdges = String(svg.querySelectorAll("path.edge:not(.off)").length);
  };
  const refit = () => {
    const at = [...svg.querySelectorAll("g.node:not(.off) circle")].map((c) => [c.cx.baseVal.value, c.cy.baseVal.value]);
    const xs = at.map(([x]) => x), ys = at.map(([, y]) => y);
    frame(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
  };
  if (weight) weight.addEventListener("input", () => { apply(); refit(); });
  if (search) search.addEventListener("input", apply);
  apply();
}

/* Event rows open their evidence sentence: a click on the row, or its button from the keyboard. */
function wireEventRows() {
  for (const row of document.querySelectorAll("tr.event-row")) {
    const button = row.querySelector("button.open");
    row.addEventListener("click", (evt) => {
      if (evt.target.closest("a")) return;
      const evidence = document.getElementById(row.dataset.target);
      if (!evidence) return;
      evidence.hidden = !evidence.hidden;
      if (button) button.setAttribute("aria-expanded", String(!evidence.hidden));
    });
  }
}

/* Fields that offer names as you type from the server (actors: too many to list in the page): each keeps
   its <datalist> filled with the names holding what was typed; picking one puts its id in the field. */
function wireSuggestions() {
  for (const input of document.querySelectorAll("input[data-suggest]")) {
    const list = document.getElementById(input.getAttribute("list"));
    if (!list) continue;
    let timer = null, asked = "";
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const typed = input.value.trim();
        if (typed.length < 2 || typed === asked) return;
        asked = typed;
        fetch(input.dataset.suggest + "?" + query({ q: typed })).then((r) => r.json()).then((names) => {
          if (input.value.trim() !== typed) return;  // typed on meanwhile: a later answer comes
          list.replaceChildren(...names.map((n) => {
            const option = document.createElement("option");
            option.value = n.value;
            option.label = n.label;
            option.textContent = n.label;
            return option;
          }));
        }).catch(() => {});
      }, 150);
    });
  }
}

/* A link to something inside a closed <details> (a brief's issue, a footnote) opens it. */
function openTarget() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target) return;
  for (let d = target.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
  target.scrollIntoView();
}

const CHARTS = { coverage: drawCoverage, direction: drawDirection, heatmap: drawHeatmap, map: drawMap, network: drawNetwork };

/* The page's own content paints first; its charts are drawn in the frame after (their boxes keep their
   height meanwhile, see dyad.css), so the first paint never waits for the drawing. */
function drawCharts() {
  const data = pageData();
  readZoom();
  const toggle = document.getElementById("per-thousand");
  if (toggle) {
    view.perThousand = toggle.checked;
    toggle.addEventListener("change", () => { view.perThousand = toggle.checked; view.charts.forEach((draw) => draw()); });
  }
  for (const container of document.querySelectorAll("[data-chart]")) {
    const draw = CHARTS[container.dataset.chart];
    if (!draw) continue;
    draw(container, data);
    if (container.dataset.chart !== "network") redraws.push(() => draw(container, data));
  }
  document.documentElement.dataset.charts = "drawn";
  openTarget();
}

document.addEventListener("DOMContentLoaded", () => {
  wireEventRows();
  wireSuggestions();
  window.addEventListener("hashchange", openTarget);
  openTarget();
  requestAnimationFrame(() => setTimeout(drawCharts, 0));
});
