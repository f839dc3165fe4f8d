// Putting the subgraphs of one view together: the opened entity's
// neighborhood, each expanded node's, and the path all go on one canvas.

// mergeSubgraphs takes [{center, sub}] (sub as the API returns it, center
// the node it was fetched around) and returns {nodes, edges, anchors,
// truncated, omitted}: nodes and edges as Maps by id, anchors mapping each
// node to the center it first came with (where a new node starts), and
// whether and by how much the API cut any of them.
export function mergeSubgraphs(parts) {
  const nodes = new Map();
  const edges = new Map();
  const anchors = new Map();
  let omitted = 0;
  let truncated = false;
  for (const { center, sub } of parts) {
    truncated ||= sub.truncated;
    omitted += sub.omitted || 0;
    for (const n of sub.nodes || []) {
      const had = nodes.get(n.id);
      // A node's "+N more" is what its own expansion left out; elsewhere
      // keep the largest count any subgraph reported.
      const om = n.id === center ? n.omitted || 0 : Math.max(had?.omitted || 0, n.omitted || 0);
      nodes.set(n.id, { ...had, ...n, omitted: om });
      if (!anchors.has(n.id) && n.id !== center) anchors.set(n.id, center);
    }
    for (const e of sub.edges || []) edges.set(e.id, e);
  }
  return { nodes, edges, anchors, truncated, omitted };
}
