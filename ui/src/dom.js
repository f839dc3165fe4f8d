// DOM helpers shared by the page's modules: building elements without
// innerHTML (so text from the API is never parsed as markup) and the small
// pieces every panel draws the same way.
import { kindLabel } from "./theme.js";

export const $ = (sel) => document.querySelector(sel);

// el creates a tag with props (class, dataset, on* listeners, other
// attributes) and children; null, undefined and false children are skipped.
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "dataset") Object.assign(e.dataset, v);
    else if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  e.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return e;
}

// kindBadge is the colored label of an entity kind.
export function kindBadge(kind) {
  return el("span", { class: `kind kind-${kind}` }, kindLabel(kind));
}
