// A synthetic subgraph for the layout benchmark (?bench=N): N entity nodes
// with about 1.5 edges each, grown by preferential attachment so degrees are
// skewed like a news graph's (a few hubs, many leaves). A fixed seed makes
// every run draw the same graph.

function rng(seed) {
  // mulberry32
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticSubgraph(n, seed = 42) {
  const rand = rng(seed);
  const kinds = ["person", "person", "organization", "country"];
  const nodes = [];
  const edges = [];
  const ends = []; // every edge end once: picking from it is degree-proportional
  for (let i = 0; i < n; i++) {
    const kind = kinds[Math.floor(rand() * kinds.length)];
    nodes.push({ id: `${kind}:n${i}`, kind, name: `${kind} ${i}`, mentions: 1 + Math.floor(rand() * 20) });
    if (i === 0) continue;
    const links = rand() < 0.5 ? 1 : 2;
    for (let k = 0; k < links; k++) {
      const j = ends.length && rand() < 0.8 ? ends[Math.floor(rand() * ends.length)] : Math.floor(rand() * i);
      if (j === i) continue;
      const type = nodes[j].kind === "organization" && rand() < 0.5 ? "REPORTED_BY" : "STATED";
      edges.push({ id: `e${edges.length}`, type, source: nodes[i].id, target: nodes[j].id, count: 1, statements: [] });
      ends.push(i, j);
    }
  }
  return { nodes, edges, truncated: false };
}

// startBenchmark draws syntheticSubgraph(n) in view with no API, and
// records in window.__eg.bench the graph's size, when sigma drew its first
// frame with every node (interactiveMs) and when the layout settled
// (layoutMs, both from the navigation's start), which e2e/bench.mjs reads.
export function startBenchmark(view, n) {
  const sub = syntheticSubgraph(n);
  document.body.dataset.layout = "";
  const t0 = performance.now();
  const nodes = new Map(sub.nodes.map((x) => [x.id, x]));
  const edges = new Map(sub.edges.map((x) => [x.id, x]));
  const bench = { nodes: nodes.size, edges: edges.size };
  window.__eg.bench = bench;
  view.renderer.once("afterRender", () => {
    // performance.now() counts from the navigation's start.
    bench.interactiveMs = Math.round(performance.now());
  });
  view.handlers.onLayoutDone = () => {
    bench.layoutMs = Math.round(performance.now());
    bench.layoutOnlyMs = Math.round(performance.now() - t0);
    bench.iterations = view.lastLayoutIterations;
    document.body.dataset.layout = "done";
  };
  view.setData(nodes, edges, new Map(), { initial: "random" });
}
