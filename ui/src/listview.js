// The list view: what is on screen as two accessible tables, for screen
// readers, for copying into a report, and as stable targets for tests.
import { el } from "./dom.js";
import { kindLabel, REL_STYLE } from "./theme.js";

// renderList fills root with the visible nodes and edges of view;
// onNode(id) and onEdge(id) open one in the evidence panel.
export function renderList(root, view, { onNode, onEdge }) {
  const g = view.graph;
  const nodes = view.visibleNodes().sort((a, b) => g.getNodeAttribute(b, "mentions") - g.getNodeAttribute(a, "mentions") || g.getNodeAttribute(a, "name").localeCompare(g.getNodeAttribute(b, "name")));
  const edges = view.visibleEdges();
  const name = (id) => g.getNodeAttribute(id, "name");

  const th = (text) => el("th", { scope: "col" }, text);
  const nodeTable = el(
    "table",
    { dataset: { testid: "node-table" } },
    el("caption", {}, `${nodes.length} node${nodes.length === 1 ? "" : "s"} on screen`),
    el("thead", {}, el("tr", {}, th("Name"), th("Kind"), th("Mentions"), th("Not shown"))),
    el(
      "tbody",
      {},
      ...nodes.map((id) => {
        const a = g.getNodeAttributes(id);
        return el(
          "tr",
          { dataset: { testid: "node-row", id, kind: a.kind } },
          el("td", {}, el("button", { type: "button", class: "linklike", onclick: () => onNode(id) }, a.name)),
          el("td", {}, kindLabel(a.kind)),
          el("td", { class: "num" }, a.kind === "statement" ? a.date || "" : a.kind === "claim" ? `${a.reports} reports` : String(a.mentions)),
          el("td", { class: "num" }, a.omitted ? `+${a.omitted} more` : ""),
        );
      }),
    ),
  );
  const edgeTable = el(
    "table",
    { dataset: { testid: "edge-table" } },
    el("caption", {}, `${edges.length} edge${edges.length === 1 ? "" : "s"} on screen`),
    el("thead", {}, el("tr", {}, th("From"), th("Edge"), th("To"), th("Statements"))),
    el(
      "tbody",
      {},
      ...edges.map((id) => {
        const a = g.getEdgeAttributes(id);
        const [s, t] = g.extremities(id);
        return el(
          "tr",
          { dataset: { testid: "edge-row", id, type: a.relType, source: s, target: t } },
          el("td", {}, name(s)),
          el("td", {}, el("button", { type: "button", class: "linklike", title: "Show the evidence", onclick: () => onEdge(id) }, REL_STYLE[a.relType]?.label ?? a.relType)),
          el("td", {}, name(t)),
          el("td", { class: "num" }, a.count ? String(a.count) : ""),
        );
      }),
    ),
  );
  root.replaceChildren(nodeTable, edgeTable);
}
