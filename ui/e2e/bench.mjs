// Benchmark (not a test) of the page drawing big graphs in headless
// Chromium, and the gzipped size of the bundle:
//
//   cd ui && npm run build && npm run bench [-- 500 2000 2000:depth2 …]
//   ENTITYGRAPH_URL=http://127.0.0.1:PORT npm run bench -- overview
//   ENTITYGRAPH_URL=http://127.0.0.1:PORT npm run bench -- entity [ID] [DEPTH]
//
// The page's ?bench=N mode draws a synthetic subgraph (src/bench.js)
// without the API: N nodes grown by preferential attachment, or with
// ":depth2" the shape of depth 2 around a busy entity. "interactive" is
// sigma's first frame with every node (the graph answers clicks, drags and
// zoom from then on, while the layout runs in its worker), "laid out" is
// when the layout settled or hit its time budget; both count from the
// navigation's start. Once laid out, "hover" is how long the frame that
// fades all but the busiest node and its neighbors takes to draw, "labels"
// counts the node labels drawn and "overlaps" the pairs of them that
// overlap: counts that do not depend on the machine's load, unlike the
// times.
//
// "overview" times the landing page against a running server
// (ENTITYGRAPH_URL, e.g. `entitygraph serve` on a store that
// scripts/bench-scale or `benchscale write` built): from the navigation's
// start to the frame that draws the overview with its first speaker's
// link (clickable from then on),
// and the API's /overview alone, each the median of RUNS.
//
// "entity" times an entity's graph view from a running server (ID, else
// the most quoted speaker of /overview; DEPTH 2 unless given): from the
// navigation's start to the frame that draws the fetched neighborhood
// (the page's node limit), with its numbers of nodes and edges, and the
// API's neighborhood alone at that limit and at the cap of 2,000 nodes.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, serveDist } from "./browser.mjs";
import { bundleSizes } from "../scripts/bundle-size.mjs";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const args = process.argv.slice(2);
const cases = (args.length ? args : ["500", "2000", "5000", "2000:depth2"]).map((a) => {
  const [n, shape = ""] = a.split(":");
  return { n: Number(n), shape };
});
const RUNS = 3;
const VIEWPORT = { width: 1366, height: 768 };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function overlaps(boxes) {
  let n = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) n++;
    }
  }
  return n;
}

if (args[0] === "overview") {
  await benchOverview(process.env.ENTITYGRAPH_URL);
  process.exit(0);
}
if (args[0] === "entity") {
  await benchEntity(process.env.ENTITYGRAPH_URL, args[1], Number(args[2] || 2));
  process.exit(0);
}
const server = await serveDist(dist);
const browser = await launch();
try {
  console.log(`chromium ${browser.version()}, viewport ${VIEWPORT.width}x${VIEWPORT.height}, median of ${RUNS} runs`);
  console.log("shape     nodes  edges  interactive_ms  laid_out_ms  hover_ms  labels  overlaps");
  for (const { n, shape } of cases) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage({ viewport: VIEWPORT });
      await page.goto(`${server.url}/?bench=${n}${shape ? `&shape=${shape}` : ""}`);
      await page.waitForFunction(() => document.body.dataset.layout === "done", null, { timeout: 60000 });
      // The labels of the frame that shows the final positions.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      runs.push(
        await page.evaluate(() => {
          const { view, graph } = window.__eg;
          const boxes = view.labelBoxes();
          const hub = graph.nodes().reduce((a, b) => (graph.degree(b) > graph.degree(a) ? b : a));
          const t0 = performance.now();
          view.setHovered(hub); // draws the frame before it returns
          const hoverMs = performance.now() - t0;
          view.setHovered(null);
          return { ...window.__eg.bench, boxes, hoverMs };
        }),
      );
      await page.close();
    }
    const r = runs[0];
    const cols = [
      (shape || "random").padEnd(8),
      String(r.nodes).padStart(5),
      String(r.edges).padStart(6),
      String(median(runs.map((x) => x.interactiveMs))).padStart(14),
      String(median(runs.map((x) => x.layoutMs))).padStart(11),
      String(Math.round(median(runs.map((x) => x.hoverMs)))).padStart(8),
      String(median(runs.map((x) => x.boxes.length))).padStart(6),
      String(median(runs.map((x) => overlaps(x.boxes)))).padStart(8),
    ];
    console.log(cols.join("  "));
  }
} finally {
  await browser.close();
  await server.close();
}
let raw = 0, gz = 0;
for (const r of bundleSizes(dist)) {
  raw += r.bytes;
  gz += r.gzip;
  console.log(`${r.file}: ${r.bytes} bytes, ${r.gzip} gzipped`);
}
console.log(`bundle total: ${raw} bytes, ${gz} gzipped`);

// benchOverview times the overview page of the server at url.
async function benchOverview(url) {
  if (!url) throw new Error("bench overview: set ENTITYGRAPH_URL to a running entitygraph serve");
  const stats = await (await fetch(`${url}/api/v1/stats`)).json();
  const browser = await launch();
  try {
    const pageMs = [], apiMs = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/v1/overview`);
      await res.json();
      if (i > 0) apiMs.push(performance.now() - t0); // the first warms the store's caches
      const page = await browser.newPage({ viewport: VIEWPORT });
      // The page notes when the first speaker's link is in the document
      // and then when the frame that shows it is drawn (the test's own
      // polling would add its round trips, long on a loaded machine).
      await page.addInitScript(() => {
        const seen = new MutationObserver(() => {
          if (!document.querySelector("body[data-view=overview] [data-testid=top-speakers] [data-testid=speaker-link]")) return;
          seen.disconnect();
          requestAnimationFrame(() => setTimeout(() => (window.__drawn = performance.now()), 0));
        });
        document.addEventListener("DOMContentLoaded", () => seen.observe(document.body, { subtree: true, childList: true, attributes: true }));
      });
      await page.goto(`${url}/`);
      await page.waitForFunction(() => window.__drawn > 0);
      const ms = await page.evaluate(() => window.__drawn);
      if (i > 0) pageMs.push(ms);
      await page.close();
    }
    console.log(`chromium ${browser.version()}, viewport ${VIEWPORT.width}x${VIEWPORT.height}, ${stats.entities} entities, ${stats.statements} statements, median of ${RUNS} runs after one warm-up`);
    console.log(`overview: drawn and clickable ${Math.round(median(pageMs))} ms after navigation start; GET /api/v1/overview ${Math.round(median(apiMs))} ms`);
  } finally {
    await browser.close();
  }
}

// benchEntity times an entity's graph view of the server at url.
async function benchEntity(url, id, depth) {
  if (!url) throw new Error("bench entity: set ENTITYGRAPH_URL to a running entitygraph serve");
  const get = async (path) => {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/v1${path}`);
    const body = await res.json();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${body.detail || ""}`);
    return { body, ms: performance.now() - t0 };
  };
  const stats = (await get("/stats")).body;
  id ||= (await get("/overview")).body.speakers.items[0].entity.id;
  const hood = (limit) => `/entities/${encodeURIComponent(id)}/neighborhood?depth=${depth}${limit ? `&limit=${limit}` : ""}`;
  const browser = await launch();
  try {
    const pageMs = [], apiMs = [], capMs = [];
    let drawn = {}, cap = {};
    for (let i = 0; i < RUNS + 1; i++) {
      const a = await get(hood(0));
      const c = await get(hood(2000));
      cap = c.body;
      if (i > 0) apiMs.push(a.ms), capMs.push(c.ms); // the first warms the store's caches
      const page = await browser.newPage({ viewport: VIEWPORT });
      // The frame after the page marks the graph loaded (see benchOverview
      // for why the page notes it itself).
      await page.addInitScript(() => {
        const seen = new MutationObserver(() => {
          if (document.body.dataset.state !== "ready" || !window.__eg?.graph.order) return;
          seen.disconnect();
          requestAnimationFrame(() => setTimeout(() => (window.__drawn = performance.now()), 0));
        });
        document.addEventListener("DOMContentLoaded", () => seen.observe(document.body, { attributes: true, attributeFilter: ["data-state"] }));
      });
      await page.goto(`${url}/?entity=${encodeURIComponent(id)}&depth=${depth}`);
      await page.waitForFunction(() => window.__drawn > 0, null, { timeout: 120000 });
      drawn = await page.evaluate(() => ({ ms: window.__drawn, nodes: window.__eg.graph.order, edges: window.__eg.graph.size }));
      if (i > 0) pageMs.push(drawn.ms);
      await page.close();
    }
    console.log(`chromium ${browser.version()}, viewport ${VIEWPORT.width}x${VIEWPORT.height}, ${stats.entities} entities, ${stats.statements} statements, median of ${RUNS} runs after one warm-up`);
    console.log(`${id} depth ${depth}: drawn ${Math.round(median(pageMs))} ms after navigation start (${drawn.nodes} nodes, ${drawn.edges} edges); GET neighborhood ${Math.round(median(apiMs))} ms, with limit=2000 ${Math.round(median(capMs))} ms (${cap.nodes.length} nodes, ${cap.edges.length} edges)`);
  } finally {
    await browser.close();
  }
}
