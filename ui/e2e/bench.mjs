// Benchmark (not a test) of the page drawing big graphs in headless
// Chromium, and the gzipped size of the bundle:
//
//   cd ui && npm run build && npm run bench [-- 500 2000 2000:depth2 …]
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
