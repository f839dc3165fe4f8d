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
  const box = (value, group, label, ...swatches) =>
    el("label", { class: "check" }, el("input", { type: "checkbox", value, name: group, dataset: { testid: `filter-${value}` } }), ...swatches, label);
  // The Statement box also keeps the claim nodes (a claim's reports).
  const kindBox = (k) => (k === "statement" ? box(k, "kind", "Statement, claim", swatchKind(k), swatchKind("claim")) : box(k, "kind", KIND_STYLE[k].label, swatchKind(k)));
  kindRoot.replaceChildren(...NODE_KINDS.map(kindBox));
  const relLabel = (r) => REL_STYLE[r].label[0].toUpperCase() + REL_STYLE[r].label.slice(1);
  relRoot.replaceChildren(...REL_TYPES.map((r) => box(r, "rel", relLabel(r), swatchRel(r))));
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

// inRange reports whether month m overlaps [from, to] (each YYYY, YYYY-MM,
// YYYY-MM-DD or empty).
export function inRange(m, from, to) {
  return (!from || m >= from.slice(0, 7)) && (!to || m <= to.slice(0, 7));
}

export function addMonths(m, n) {
  const [y, mo] = m.split("-").map(Number);
  const k = y * 12 + (mo - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
}

// A bar is at most this wide (of the 200 units across), so that a few
// months read as a few bars and one month as one bar, not a solid block.
const MAX_BAR = 24;
// The span is capped so a stray date decades off cannot make thousands of
// bars.
const MAX_MONTHS = 240;

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

// rangeText names a date range for the caption.
function rangeText(from, to) {
  if (from && to) return from === to ? from : `${from} – ${to}`;
  return from ? `from ${from} on` : `up to ${to}`;
}

// renderHistogram draws a timeline ({months: [{month: "YYYY-MM", count}],
// undated}, as GET /entities/{id}/timeline gives it) as one bar per month from the first to the
// last, bars inside [from, to] darker, with a caption that counts the
// statements in the range when one is set; clicking a bar calls
// onMonth("YYYY-MM").
export function renderHistogram(root, { months: rows, undated = 0 }, { from, to, onMonth }) {
  const counts = new Map(rows.filter((r) => r.count > 0).map((r) => [r.month, r.count]));
  const dated = [...counts.values()].reduce((a, b) => a + b, 0);
  const total = dated + undated;
  if (counts.size === 0) {
    root.replaceChildren(el("p", { class: "muted" }, total ? `${plural(total, "statement")}, none with a month.` : "No dated statements here."));
    return;
  }
  const months = [...counts.keys()].sort();
  const all = [];
  for (let m = months[0]; m <= months[months.length - 1] && all.length < MAX_MONTHS; m = addMonths(m, 1)) all.push(m);
  const max = Math.max(...counts.values());
  const W = 200, H = 48, gap = all.length > 60 ? 0 : 1;
  const bw = Math.min(MAX_BAR, W / all.length);
  const x0 = (W - bw * all.length) / 2;
  const svgNS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(svgNS, "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("width", "100%");
  svg.setAttribute("height", String(H));
  svg.setAttribute("role", "img");
  const span = all.length === 1 ? all[0] : `${all[0]} to ${all[all.length - 1]}`;
  svg.setAttribute("aria-label", `Statements per month, ${span}`);
  let inside = 0;
  all.forEach((m, i) => {
    const c = counts.get(m) || 0;
    const h = c ? Math.max(2, (c / max) * (H - 2)) : 0;
    const isIn = inRange(m, from, to);
    if (isIn) inside += c;
    const r = document.createElementNS(svgNS, "rect");
    r.setAttribute("x", String(x0 + i * bw));
    r.setAttribute("y", String(H - h));
    r.setAttribute("width", String(Math.max(0.5, bw - gap)));
    r.setAttribute("height", String(h || 1));
    r.setAttribute("class", c ? (isIn ? "bar in" : "bar out") : "bar none");
    r.dataset.month = m;
    r.dataset.testid = "histogram-bar";
    const t = document.createElementNS(svgNS, "title");
    t.textContent = `${m}: ${plural(c, "statement")}`;
    r.append(t);
    if (c) r.addEventListener("click", () => onMonth(m));
    svg.append(r);
  });
  const axis = all.length === 1 ? [el("span", { class: "only" }, all[0])] : [el("span", {}, all[0]), el("span", {}, all[all.length - 1])];
  let caption;
  if (from || to) {
    // A range given to the day is counted by whole months here.
    const byMonth = (from.length > 7 || to.length > 7) ? " (counted by month)" : "";
    caption = `${inside} of ${plural(total, "statement")} in ${rangeText(from, to)}${byMonth}.`;
  } else {
    caption = `${plural(total, "statement")}${undated ? `, ${undated} without a month` : ""}. Click a bar to see only that month.`;
  }
  root.replaceChildren(
    svg,
    el("p", { class: "axis" }, ...axis),
    el("p", { class: "muted", dataset: { testid: "histogram-caption" } }, caption),
  );
}
