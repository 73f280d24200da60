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

function sourceLink(source) {
  const href = /^https?:\/\//.test(source) ? source : "/query?format=json&sql=" +
    encodeURIComponent("select * from claims where source = '" + source.replaceAll("'", "''") + "'");
  return el("td", {}, el("a", { href, target: "_blank", rel: "noopener noreferrer" }, source));
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
    highlighted(c.sentence, c.surface), sourceLink(c.source))));
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

function chart(indicator) {
  const points = claims.filter(c => c.indicator === indicator && c.year !== null && c.entity !== null);
  const unit = points.length ? points[0].unit : null;
  const shown = points.filter(p => p.unit === unit);
  const box = document.getElementById("chart");
  if (!shown.length) { box.textContent = "No dated claims for this indicator."; return; }
  const W = 760, H = 260, L = 70, B = 30;
  const years = shown.map(p => p.year), values = shown.map(p => p.value);
  const [y0, y1] = [Math.min(...years) - 1, Math.max(...years) + 1];
  const vmax = Math.max(...values) * 1.1 || 1;
  const x = yr => L + (yr - y0) / (y1 - y0) * (W - L - 20), y = v => H - B - v / vmax * (H - B - 20);
  const colours = ["#1f6feb", "#cf222e", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0969da"];
  const entities = [...new Set(shown.map(p => p.entity))];
  const drawing = svg("svg", { width: W, height: H + 20 * Math.ceil(entities.length / 4), role: "img",
                               "aria-label": "chart" },
    svg("line", { x1: L, y1: H - B, x2: W - 10, y2: H - B, stroke: "#8c959f" }),
    svg("text", { x: 4, y: 16 }, format(vmax / 1.1) + " " + unit));
  for (let yr = Math.ceil(y0); yr <= y1; yr++) drawing.append(svg("text", { x: x(yr) - 14, y: H - 10 }, String(yr)));
  entities.forEach((entity, i) => {
    const mine = shown.filter(p => p.entity === entity).sort((a, b) => a.year - b.year);
    const colour = colours[i % colours.length];
    drawing.append(svg("polyline", { fill: "none", stroke: colour, "stroke-width": 2,
                                     points: mine.map(p => x(p.year) + "," + y(p.value)).join(" ") }));
    for (const p of mine) {
      drawing.append(svg("circle", { cx: x(p.year), cy: y(p.value), r: 4, fill: colour },
        svg("title", {}, entity + " " + p.year + ": " + format(p.value) + " " + unit)));
    }
    const [col, row] = [i % 4, Math.floor(i / 4)];
    drawing.append(svg("rect", { x: L + col * 170, y: H + 4 + 20 * row, width: 10, height: 10, fill: colour }),
                   svg("text", { x: L + 14 + col * 170, y: H + 13 + 20 * row }, entity));
  });
  box.replaceChildren(drawing);
}

async function main() {
  const datasets = await (await fetch("/datasets")).json();
  document.getElementById("datasets").replaceChildren(...datasets.map(d => el("div", { class: "dataset" },
    el("strong", {}, d.name), " — " + d.rows + " rows, " + Math.round(d.bytes / 1024) + " KB ",
    el("a", { href: d.download, download: d.name + ".parquet" }, "Parquet"),
    el("a", { href: d.csv, download: d.name + ".csv" }, "CSV"))));
  claims = await query("select entity, indicator, value, value_high, unit, qualifier, year, modality, lang, " +
                       "sentence, surface, source from claims order by entity, indicator, year limit 10000");
  filters();
  render();
  const dated = new Map();  // a Map: an indicator named "__proto__" is a name like any other
  for (const c of claims) if (c.year !== null && c.indicator) dated.set(c.indicator, (dated.get(c.indicator) || 0) + 1);
  const picker = document.getElementById("chart-indicator");
  for (const [name] of [...dated].sort((a, b) => b[1] - a[1])) picker.append(el("option", { value: name }, name));
  picker.addEventListener("change", () => chart(picker.value));
  if (picker.value) chart(picker.value);
}

main().catch(error => { document.getElementById("count").textContent = "Could not load: " + error.message; });
