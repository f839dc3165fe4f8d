// The filter column: kinds and edge types (with the legend's swatches) and
// the date range with a histogram of statement dates.
import { el } from "./dom.js";
import { KIND_STYLE, REL_STYLE } from "./theme.js";
import { NODE_KINDS, REL_TYPES } from "./state.js";

const SHAPES = {
  circle: '<circle cx="7" cy="7" r="6"/>',
  square: '<rect x="1.5" y="1.5" width="11" height="11"/>',
  diamond: '<polygon points="7,0 14,7 7,14 0,7"/>',
  triangle: '<polygon points="7,1 13.5,13 0.5,13"/>',
};

function swatchKind(kind) {
  const s = KIND_STYLE[kind];
  const span = el("span", { class: "swatch", "aria-hidden": "true" });
  span.innerHTML = `<svg width="14" height="14" viewBox="0 0 14 14" fill="${s.color}">${SHAPES[s.shape]}</svg>`;
  return span;
}

function swatchRel(rel) {
  const s = REL_STYLE[rel];
  const span = el("span", { class: "swatch", "aria-hidden": "true" });
  const head = s.program === "arrow" ? `<polygon points="22,5 15,1 15,9" fill="${s.color}"/>` : "";
  const line = s.program === "wedge" ? `<polygon points="0,1 0,9 22,5" fill="${s.color}"/>` : `<line x1="0" y1="5" x2="16" y2="5" stroke="${s.color}" stroke-width="2"/>`;
  span.innerHTML = `<svg width="24" height="10" viewBox="0 0 24 10">${line}${head}</svg>`;
  return span;
}

// renderChecks builds the kind and edge-type checkboxes; onChange(kinds,
// rels) gets the checked values. It returns update(state) to sync them; the
// Statement box shows only in the statement view, the one view that has
// statement nodes (its value is kept while it is out of sight).
export function renderChecks(kindRoot, relRoot, onChange) {
  const box = (value, group, label, swatch) =>
    el("label", { class: "check" }, el("input", { type: "checkbox", value, name: group, dataset: { testid: `filter-${value}` } }), swatch, label);
  kindRoot.replaceChildren(...NODE_KINDS.map((k) => box(k, "kind", KIND_STYLE[k].label, swatchKind(k))));
  relRoot.replaceChildren(...REL_TYPES.map((r) => box(r, "rel", r, swatchRel(r))));
  const checked = (root) => [...root.querySelectorAll("input:checked")].map((i) => i.value);
  const changed = () => onChange(checked(kindRoot), checked(relRoot));
  kindRoot.addEventListener("change", changed);
  relRoot.addEventListener("change", changed);
  return (state) => {
    kindRoot.querySelectorAll("input").forEach((i) => {
      i.checked = state.kinds.includes(i.value);
      if (i.value === "statement") i.closest("label").hidden = state.view !== "statements";
    });
    relRoot.querySelectorAll("input").forEach((i) => (i.checked = state.rels.includes(i.value)));
  };
}

// monthOf returns the YYYY-MM of a date, or "" for a year-only or empty one
// (which cannot be placed in a month).
const monthOf = (d) => (d && d.length >= 7 ? d.slice(0, 7) : "");

// inRange reports whether month m overlaps [from, to] (each YYYY, YYYY-MM,
// YYYY-MM-DD or empty).
function inRange(m, from, to) {
  return (!from || m >= from.slice(0, 7)) && (!to || m <= to.slice(0, 7));
}

function addMonths(m, n) {
  const [y, mo] = m.split("-").map(Number);
  const k = y * 12 + (mo - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
}

// MIN_MONTHS: a span shorter than this is widened (a month either side in
// turn), so that one busy month reads as one bar and not a solid block.
const MIN_MONTHS = 7;

// renderHistogram draws the statement dates as one bar per month from the
// first to the last, bars inside [from, to] darker; clicking a bar calls
// onMonth("YYYY-MM").
export function renderHistogram(root, dates, { from, to, onMonth }) {
  const counts = new Map();
  let undated = 0;
  for (const d of dates) {
    const m = monthOf(d);
    if (!m) undated++;
    else counts.set(m, (counts.get(m) || 0) + 1);
  }
  if (counts.size === 0) {
    root.replaceChildren(el("p", { class: "muted" }, dates.length ? `${dates.length} statements, none with a month.` : "No dated statements here."));
    return;
  }
  const months = [...counts.keys()].sort();
  const all = [];
  // Cap the span so a stray date decades off cannot make thousands of bars.
  for (let m = months[0]; m <= months[months.length - 1] && all.length < 240; m = addMonths(m, 1)) all.push(m);
  while (all.length < MIN_MONTHS) {
    if (all.length % 2) all.push(addMonths(all[all.length - 1], 1));
    else all.unshift(addMonths(all[0], -1));
  }
  const max = Math.max(...counts.values());
  const W = 200, H = 48, gap = all.length > 60 ? 0 : 1;
  const bw = W / all.length;
  const svgNS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(svgNS, "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("width", "100%");
  svg.setAttribute("height", String(H));
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `Statements per month, ${all[0]} to ${all[all.length - 1]}`);
  all.forEach((m, i) => {
    const c = counts.get(m) || 0;
    const h = c ? Math.max(2, (c / max) * (H - 2)) : 0;
    const r = document.createElementNS(svgNS, "rect");
    r.setAttribute("x", String(i * bw));
    r.setAttribute("y", String(H - h));
    r.setAttribute("width", String(Math.max(0.5, bw - gap)));
    r.setAttribute("height", String(h || 1));
    r.setAttribute("class", c ? (inRange(m, from, to) ? "bar in" : "bar out") : "bar none");
    r.dataset.month = m;
    r.dataset.testid = "histogram-bar";
    const t = document.createElementNS(svgNS, "title");
    t.textContent = `${m}: ${c} statement${c === 1 ? "" : "s"}`;
    r.append(t);
    if (c) r.addEventListener("click", () => onMonth(m));
    svg.append(r);
  });
  const total = dates.length;
  root.replaceChildren(
    svg,
    el("p", { class: "axis" }, el("span", {}, all[0]), el("span", {}, all[all.length - 1])),
    el("p", { class: "muted" }, `${total} statement${total === 1 ? "" : "s"}${undated ? `, ${undated} without a month` : ""}. Click a bar to see only that month.`),
  );
}
