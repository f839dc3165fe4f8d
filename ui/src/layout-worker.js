// ForceAtlas2 in a web worker, many iterations per message. The package's
// own supervisor (graphology-layout-forceatlas2/worker) runs one iteration
// per round trip, so its pace is the main thread's frame rate: a few
// iterations a second for thousands of nodes when WebGL is slow. Here each
// message runs iterations for about sliceMs, and the page draws once per
// slice.
import iterate from "graphology-layout-forceatlas2/iterate.js";

let edges = null;

self.onmessage = (ev) => {
  const { settings, sliceMs } = ev.data;
  if (ev.data.edges) edges = new Float32Array(ev.data.edges);
  const nodes = new Float32Array(ev.data.nodes);
  const t0 = performance.now();
  let iterations = 0;
  do {
    iterate(settings, nodes, edges);
    iterations++;
  } while (performance.now() - t0 < sliceMs);
  self.postMessage({ nodes: nodes.buffer, iterations }, [nodes.buffer]);
};
