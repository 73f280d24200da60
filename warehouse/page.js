// The page of `indicators serve`. Every element is built with DOM calls from data, and
// data only ever becomes text or an attribute value, never markup (no innerHTML).
"use strict";

const FILTERS = ["lang", "entity", "indicator", "unit", "year"];
const SVG = "http://www.w3.org/2000/svg";
let claims = [];

async function query(sql, tries = 5) {
  const response = await fetch("/query?format=json&sql=" + encodeURIComponent(sql));
  if (response.status === 429 && tries > 1) {  // the service runs a few queries at once
    await new Promise(done => setTimeout(done, 1000 * Number(response.headers.get("Retry-After") || 1)));
    return query(sql, tries - 1);
  }
  const body = await response.json();
  if (!response.ok) throw new Error(body.error);
  return body.rows.map(row => Object.fromEntries(body.columns.map((c, i) => [c, row[i]])));
}

function build(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) node.append(child);
  return node;
}

function el(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

function svg(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG, tag), attrs, children);
}

function format(value) {
  return Number(value).toLocaleString("en-US", { maximumFractionDigits: 3 });
}

function highlighted(sentence, surface) {
  const cell = el("td");
  const at = sentence.indexOf(surface);
  if (at < 0) { cell.append(sentence); return cell; }
  cell.append(sentence.slice(0, at), el("mark", {}, surface), sentence.slice(at + surface.length));
  return cell;
}

function literal(text) {
  return "'" + String(text).replaceAll("'", "''") + "'";
}

function sourceLink(c) {
  const href = "#doc=" + encodeURIComponent(c.source) + "&claim=" + encodeURIComponent(c.claim_id);
  return el("td", {}, el("a", { href }, c.source));
}

// The document view: its source, publication date, and every claim it gives, each in
// its sentence, in the order of the text; the claim that was clicked is marked.
async function showDocument() {
  const params = new URLSearchParams(location.hash.slice(1));
  const box = document.getElementById("document");
  if (!params.get("doc")) { box.hidden = true; return; }
  const source = params.get("doc"), chosen = params.get("claim");
  const rows = await query("select c.claim_id, c.sentence, c.surface, c.value, c.unit, c.role, " +
    "c.year, c.modality, c.entity, c.indicator, i.published from claims c join indicators i " +
    "using (claim_id) where c.source = " + literal(source) + " order by c.span_start");
  const origin = /^https?:\/\//.test(source)
    ? el("a", { href: source, target: "_blank", rel: "noopener noreferrer" }, source) : source;
  const details = el("dl", {}, el("dt", {}, "source"), el("dd", {}, origin),
    el("dt", {}, "published"), el("dd", {}, String(rows.length && rows[0].published || "unknown")),
    el("dt", {}, "claims"), el("dd", {}, String(rows.length)));
  const list = el("ol");
  for (const c of rows) {
    const sentence = highlighted(c.sentence, c.surface);
    const facts = [c.entity, c.indicator, format(c.value) + " " + c.unit, c.year, c.modality, c.role]
      .filter(v => v !== null && v !== undefined && v !== "").join(" · ");
    list.append(el("li", c.claim_id === chosen ? { class: "chosen", id: "chosen" } : {},
                   ...sentence.childNodes, el("br"), el("small", {}, facts)));
  }
  document.getElementById("document-body").replaceChildren(details, list);
  box.hidden = false;
  box.scrollIntoView();
}

function render() {
  const chosen = Object.fromEntries(FILTERS.map(f => [f, document.getElementById("f-" + f).value]));
  const rows = claims.filter(c => FILTERS.every(f => chosen[f] === "" || String(c[f]) === chosen[f]));
  const body = document.querySelector("#claims tbody");
  body.replaceChildren(...rows.slice(0, 500).map(c => el("tr", {},
    el("td", {}, c.entity ?? ""), el("td", {}, c.indicator ?? ""),
    el("td", { class: "value" }, (c.qualifier ? c.qualifier + " " : "") + format(c.value) +
       (c.value_high !== null ? "–" + format(c.value_high) : "")),
    el("td", {}, c.unit), el("td", {}, String(c.year ?? "")), el("td", {}, c.modality), el("td", {}, c.lang),
    highlighted(c.sentence, c.surface), sourceLink(c))));
  document.getElementById("count").textContent =
    rows.length + " claims" + (rows.length > 500 ? " (first 500 shown)" : "");
}

function filters() {
  const box = document.getElementById("filters");
  for (const f of FILTERS) {
    const values = [...new Set(claims.map(c => c[f]).filter(v => v !== null))].sort();
    const select = el("select", { id: "f-" + f }, el("option", { value: "" }, "all"));
    for (const v of values) select.append(el("option", { value: String(v) }, String(v)));
    select.addEventListener("change", render);
    box.append(el("label", {}, f, select));
  }
}

// The chart draws `series`: one line per entity (dashed for targets) where it has two
// years or more, a point where it has one; y ticks with the unit, x ticks per year.
let series = [];

function chartPick() {
  const code = document.getElementById("chart-indicator").value;
  const ofCode = series.filter(p => p.indicator_code === code);
  const spread = new Map();  // unit → its distinct years: the unit with most comes first
  for (const p of ofCode) spread.set(p.unit, (spread.get(p.unit) || new Set()).add(p.year));
  const units = [...spread].sort((a, b) => b[1].size - a[1].size).map(([u]) => u);
  const unitBox = document.getElementById("chart-unit");
  const unit = units.includes(unitBox.value) ? unitBox.value : units[0];
  unitBox.replaceChildren(...units.map(u => el("option", { value: u }, u)));
  unitBox.value = unit;
  const entityBox = document.getElementById("chart-entity");
  const entity = entityBox.value;
  const entities = [...new Set(ofCode.filter(p => p.unit === unit).map(p => p.entity))].sort();
  entityBox.replaceChildren(el("option", { value: "" }, "all"), ...entities.map(e => el("option", { value: e }, e)));
  entityBox.value = entities.includes(entity) ? entity : "";
  chart(ofCode.filter(p => p.unit === unit && (entityBox.value === "" || p.entity === entityBox.value)), unit);
}

function ticks(low, high, count) {
  if (high <= low) high = low + 1;
  const step = Math.pow(10, Math.floor(Math.log10((high - low) / count || 1)));
  const nice = [1, 2, 5, 10].map(m => m * step).find(s => (high - low) / s <= count) || step * 10;
  const out = [];
  for (let t = Math.floor(low / nice) * nice; t <= high + nice / 2; t += nice) out.push(t);
  return out;
}

function chart(points, unit) {
  const box = document.getElementById("chart");
  if (!points.length) { box.textContent = "No dated claims for this indicator."; return; }
  const W = 760, H = 260, L = 90, B = 30, T = 16;
  const years = points.map(p => p.year);
  const [y0, y1] = [Math.min(...years) - 1, Math.max(...years) + 1];
  const yTicks = ticks(Math.min(0, ...points.map(p => p.value)), Math.max(...points.map(p => p.value)), 5);
  const [v0, v1] = [yTicks[0], yTicks[yTicks.length - 1]];
  const x = yr => L + (yr - y0) / (y1 - y0) * (W - L - 20);
  const y = v => H - B - (v - v0) / ((v1 - v0) || 1) * (H - B - T);
  const colours = ["#1f6feb", "#cf222e", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0969da"];
  const lines = new Map();  // a Map: an entity named "__proto__" is a name like any other
  for (const p of points) {
    const key = p.entity + " (" + p.modality + ")";
    if (!lines.has(key)) lines.set(key, []);
    lines.get(key).push(p);
  }
  const rows = Math.ceil(lines.size / 3);
  const drawing = svg("svg", { width: W, height: H + 20 * rows, role: "img", "aria-label": "chart of " + unit },
    svg("line", { x1: L, y1: H - B, x2: W - 10, y2: H - B, stroke: "#8c959f" }),
    svg("line", { x1: L, y1: T, x2: L, y2: H - B, stroke: "#8c959f" }));
  for (const t of yTicks) {
    drawing.append(svg("line", { x1: L - 4, y1: y(t), x2: W - 10, y2: y(t), stroke: "#eaeef2", class: "tick" }),
                   svg("text", { x: L - 6, y: y(t) + 4, "text-anchor": "end", class: "y-label" }, format(t) + " " + unit));
  }
  for (let yr = Math.ceil(y0) + 1; yr < y1; yr++) {
    drawing.append(svg("text", { x: x(yr), y: H - 10, "text-anchor": "middle" }, String(yr)));
  }
  [...lines].forEach(([key, mine], i) => {
    mine.sort((a, b) => a.year - b.year);
    const colour = colours[i % colours.length];
    const dash = mine[0].modality === "target" ? { "stroke-dasharray": "5 4" } : {};
    if (mine.length > 1) {
      drawing.append(svg("polyline", { fill: "none", stroke: colour, "stroke-width": 2, class: "series-line",
                                       points: mine.map(p => x(p.year) + "," + y(p.value)).join(" "), ...dash }));
    }
    for (const p of mine) {
      const spread = p.low !== p.high ? " (" + format(p.low) + "–" + format(p.high) + ")" : "";
      drawing.append(svg("circle", { cx: x(p.year), cy: y(p.value), r: 4, fill: colour },
        svg("title", {}, key + " " + p.year + ": " + format(p.value) + " " + unit + spread +
                         ", " + p.n_sources + " document(s)")));
    }
    const [col, row] = [i % 3, Math.floor(i / 3)];
    drawing.append(svg("rect", { x: L + col * 220, y: H + 4 + 20 * row, width: 10, height: 10, fill: colour }),
                   svg("text", { x: L + 14 + col * 220, y: H + 13 + 20 * row, class: "legend" }, key));
  });
  box.replaceChildren(drawing);
}

async function main() {
  const datasets = await (await fetch("/datasets")).json();
  document.getElementById("datasets").replaceChildren(...datasets.map(d => el("div", { class: "dataset" },
    el("strong", {}, d.name), " — " + d.rows + " rows, " + Math.round(d.bytes / 1024) + " KB ",
    el("a", { href: d.download, download: d.name + ".parquet" }, "Parquet"),
    el("a", { href: d.csv, download: d.name + ".csv" }, "CSV"))));
  claims = await query("select claim_id, entity, indicator, value, value_high, unit, qualifier, year, modality, lang, " +
                       "sentence, surface, source from claims order by entity, indicator, year limit 10000");
  filters();
  render();
  series = await query("select entity, indicator_code, unit, year, modality, value, low, high, n_sources " +
                       "from series order by indicator_code, entity, year");
  // The chart opens on the indicator code whose longest series (entity, unit, modality) has
  // the most years, then the one with the most years in all.
  const longest = new Map(), years = new Map(), points = new Map();
  for (const p of series) {
    const key = JSON.stringify([p.indicator_code, p.entity, p.unit, p.modality]);
    points.set(key, (points.get(key) || 0) + 1);
    longest.set(p.indicator_code, Math.max(longest.get(p.indicator_code) || 0, points.get(key)));
    years.set(p.indicator_code, (years.get(p.indicator_code) || new Set()).add(p.year));
  }
  const rank = ([code]) => [longest.get(code), years.get(code).size];
  const order = (a, b) => rank(b)[0] - rank(a)[0] || rank(b)[1] - rank(a)[1] || (a[0] < b[0] ? -1 : 1);
  const picker = document.getElementById("chart-indicator");
  for (const [code] of [...years].sort(order)) {
    picker.append(el("option", { value: code }, code));
  }
  for (const id of ["chart-indicator", "chart-unit", "chart-entity"]) {
    document.getElementById(id).addEventListener("change", chartPick);
  }
  if (picker.value) chartPick();
  window.addEventListener("hashchange", showDocument);
  showDocument();
}

main().catch(error => { document.getElementById("count").textContent = "Could not load: " + error.message; });
