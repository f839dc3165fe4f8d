// How kinds and edge types look: one table used by the graph, the legend in
// the filters and the exports, so they always agree.

export const KIND_STYLE = {
  person: { color: "#2563eb", shape: "circle", label: "Person" },
  organization: { color: "#d97706", shape: "square", label: "Organization" },
  country: { color: "#059669", shape: "diamond", label: "Country" },
  statement: { color: "#7c3aed", shape: "triangle", label: "Statement" },
  // A claim reported more than once: one node for all its reports (the
  // statement view), sized by their number.
  claim: { color: "#be185d", shape: "triangle", label: "Claim" },
};

// STATED and REPORTED_BY are the two edges researchers read most, so they
// differ in color and in arrow: STATED has an arrow head, REPORTED_BY is a
// tapered wedge pointing at the outlet, in a lighter orange since an
// outlet carries many statements (its label text stays dark enough to read).
export const REL_STYLE = {
  STATED: { color: "#1d4ed8", program: "arrow", label: "stated" },
  REPORTED_BY: { color: "#fb923c", labelColor: "#c2410c", program: "wedge", label: "reported by" },
  ABOUT: { color: "#6b7280", program: "arrow", label: "about" },
  AFFILIATED_WITH: { color: "#0f766e", program: "line", label: "affiliated with" },
  PART_OF: { color: "#64748b", program: "line", label: "part of" },
  BASED_IN: { color: "#64748b", program: "line", label: "based in" },
};

export const FADED = "#e2e8f0";
export const HIGHLIGHT = "#dc2626";

// nodeSize grows with the square root of mentions so a hub stays readable
// next to leaves; statements (no mentions) get a small fixed size, a
// claim one that grows with its reports (passed as mentions).
export function nodeSize(kind, mentions) {
  if (kind === "statement") return 4;
  if (kind === "claim") return Math.min(12, 3 + 2 * Math.sqrt(mentions || 2));
  return Math.min(22, 5 + 2.2 * Math.sqrt(Math.max(0, mentions || 0)));
}

export function kindLabel(kind) {
  return KIND_STYLE[kind]?.label ?? kind;
}

// lighten mixes a #rrggbb color with white, t of the way (0 keeps it, 1 is
// white). Big graphs draw their edges lighter this way rather than with
// transparency, which sigma's blending turns into other hues.
export function lighten(hex, t) {
  const mix = (i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * (1 - t) + 255 * t).toString(16).padStart(2, "0");
  return `#${mix(1)}${mix(3)}${mix(5)}`;
}
