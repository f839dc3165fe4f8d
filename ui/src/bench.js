// Synthetic subgraphs for the UI benchmark, drawn without the API:
// ?bench=N is N entity nodes with about 1.5 edges each, grown by
// preferential attachment so degrees are skewed like a news graph's (a few
// hubs, many leaves); ?bench=N&shape=depth2 is what depth 2 around a busy
// entity looks like (see syntheticDepth2). A fixed seed makes every run draw
// the same graph.

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

// syntheticDepth2 returns a depth-2 neighborhood of n nodes around one busy
// person (the root, "person:n0"): about √n first-ring neighbors (countries
// and people it spoke about, outlets that carried it, people who spoke of
// it), and the rest as their own neighbors, spread over the ring by a
// Zipf-like weight so a few neighbors are hubs; one leaf in six is also
// linked to a second first-ring node, as shared neighbors are.
export function syntheticDepth2(n, seed = 7) {
  const rand = rng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const nodes = [{ id: "person:n0", kind: "person", name: "Root person", mentions: 400 }];
  const edges = [];
  const link = (type, source, target) =>
    edges.push({ id: `e${edges.length}`, type, source, target, count: 1 + Math.floor(rand() * rand() * 30), statements: [] });
  // An edge between an entity and an outlet is REPORTED_BY towards the
  // outlet; between two others, STATED from the person when there is one.
  const connect = (a, b) => {
    if (b.outlet) return link("REPORTED_BY", a.id, b.id);
    if (a.outlet) return link("REPORTED_BY", b.id, a.id);
    return a.kind === "person" ? link("STATED", a.id, b.id) : link("STATED", b.id, a.id);
  };
  const ringSize = Math.max(1, Math.round(Math.sqrt(n)));
  const ring = [];
  for (let i = 1; i <= ringSize && nodes.length < n; i++) {
    const kind = pick(["person", "person", "organization", "country", "country"]);
    const node = { id: `${kind}:n${i}`, kind, name: `${kind} ${i}`, mentions: 5 + Math.floor(rand() * 80), outlet: kind === "organization" && rand() < 0.5 };
    nodes.push(node);
    ring.push(node);
    connect(nodes[0], node);
  }
  const weights = ring.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const pickRing = () => {
    let x = rand() * total;
    for (let i = 0; i < ring.length; i++) if ((x -= weights[i]) <= 0) return ring[i];
    return ring[ring.length - 1];
  };
  while (nodes.length < n) {
    const i = nodes.length;
    const kind = pick(["person", "person", "person", "organization", "country"]);
    const leaf = { id: `${kind}:n${i}`, kind, name: `${kind} ${i}`, mentions: 1 + Math.floor(rand() * 4), outlet: kind === "organization" && rand() < 0.3 };
    nodes.push(leaf);
    const parent = pickRing();
    connect(parent, leaf);
    if (rand() < 1 / 6) {
      const other = pickRing();
      if (other !== parent) connect(other, leaf);
    }
  }
  return { nodes: nodes.map(({ outlet, ...rest }) => rest), edges, truncated: false };
}

// startBenchmark draws syntheticSubgraph(n), or syntheticDepth2(n) for
// shape "depth2", in view with no API, and
// records in window.__eg.bench the graph's size, when sigma drew its first
// frame with every node (interactiveMs) and when the layout settled
// (layoutMs, both from the navigation's start), which e2e/bench.mjs reads.
export function startBenchmark(view, n, shape = "") {
  const sub = shape === "depth2" ? syntheticDepth2(n) : syntheticSubgraph(n);
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
  view.setData(nodes, edges, new Map(), { root: shape === "depth2" ? sub.nodes[0].id : "", initial: "random" });
}
