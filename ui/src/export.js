// Exports of what is on screen, made in the browser: GraphML (opens in
// Gephi, with positions, colors and sizes Gephi reads as viz attributes),
// JSON in the API's subgraph shape plus positions, and CSV (the edges, one a
// row, with their ends' names, as the API's /export writes it). An edge
// carries its count of statements, the first and last date among them
// (when the server sends them) and a sample of at most three statement ids,
// not every id: the full list is paged from GET /statements. In the
// statement view a claim node carries its number of reports, and its
// edges' counts are the reports they join.

const xmlEscape = (s) =>
  String(s).replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]);

const NODE_KEYS = [
  ["label", "string"],
  ["kind", "string"],
  ["mentions", "int"],
  ["date", "string"],
  ["reports", "int"],
  ["x", "double"],
  ["y", "double"],
  ["size", "double"],
  ["color", "string"],
];
const EDGE_KEYS = [
  ["type", "string"],
  ["label", "string"],
  ["count", "int"],
  ["first", "string"],
  ["last", "string"],
  ["statements", "string"],
  ["role", "string"],
];

// snapshot returns the visible part of view's graph as plain data.
export function snapshot(view) {
  const g = view.graph;
  const nodes = view.visibleNodes().map((id) => {
    const a = g.getNodeAttributes(id);
    return { id, kind: a.kind, name: a.name, mentions: a.mentions, date: a.date || undefined, reports: a.reports || undefined, omitted: a.omitted || undefined, x: a.x, y: a.y, size: a.size, color: a.color };
  });
  const edges = view.visibleEdges().map((id) => {
    const a = g.getEdgeAttributes(id);
    return {
      id,
      type: a.relType,
      source: g.source(id),
      target: g.target(id),
      count: a.count,
      first: a.first || undefined,
      last: a.last || undefined,
      statements: a.sample.length ? a.sample : undefined,
      role: a.role || undefined,
    };
  });
  return { nodes, edges };
}

// toGraphML writes a snapshot as GraphML.
export function toGraphML({ nodes, edges }) {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const [k, t] of NODE_KEYS) out.push(`  <key id="n_${k}" for="node" attr.name="${k}" attr.type="${t}"/>`);
  for (const [k, t] of EDGE_KEYS) out.push(`  <key id="e_${k}" for="edge" attr.name="${k}" attr.type="${t}"/>`);
  out.push('  <graph id="entitygraph" edgedefault="directed">');
  for (const n of nodes) {
    out.push(`    <node id="${xmlEscape(n.id)}">`);
    const vals = { label: n.name, kind: n.kind, mentions: n.mentions, date: n.date, reports: n.reports, x: n.x, y: n.y, size: n.size, color: n.color };
    for (const [k] of NODE_KEYS) if (vals[k] !== undefined && vals[k] !== "") out.push(`      <data key="n_${k}">${xmlEscape(vals[k])}</data>`);
    out.push("    </node>");
  }
  for (const e of edges) {
    out.push(`    <edge id="${xmlEscape(e.id)}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">`);
    const vals = { type: e.type, label: e.type, count: e.count, first: e.first, last: e.last, statements: (e.statements || []).join(" "), role: e.role };
    for (const [k] of EDGE_KEYS) if (vals[k] !== undefined && vals[k] !== "") out.push(`      <data key="e_${k}">${xmlEscape(vals[k])}</data>`);
    out.push("    </edge>");
  }
  out.push("  </graph>", "</graphml>", "");
  return out.join("\n");
}

const CSV_COLUMNS = ["source", "target", "type", "count", "first", "last", "source_name", "target_name", "role", "statements"];

// csvField quotes a field when it holds a comma, a quote or a line break
// (RFC 4180), and defuses a leading =, +, - or @ that a spreadsheet would
// run as a formula.
export function csvField(v) {
  let s = v === undefined || v === null ? "" : String(v);
  if (/^[=+\-@]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

// toCSV writes a snapshot's edges as CSV, a header row first.
export function toCSV({ nodes, edges }) {
  const names = new Map(nodes.map((n) => [n.id, n.name]));
  const rows = [CSV_COLUMNS];
  for (const e of edges) {
    rows.push([e.source, e.target, e.type, e.count, e.first, e.last, names.get(e.source), names.get(e.target), e.role, (e.statements || []).join(" ")]);
  }
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

// download offers data (a string or a Blob) as a file.
export function download(data, filename, type) {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

// exportName is a file name for the current view: the focused entity's id
// (or "entitygraph") made safe for file systems.
export function exportName(entity, ext) {
  const base = (entity || "entitygraph").replace(/[^a-z0-9-]+/gi, "-").replace(/^-|-$/g, "");
  return `${base}.${ext}`;
}
