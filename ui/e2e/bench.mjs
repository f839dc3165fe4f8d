// Benchmark (not a test): time from navigation to a drawn, interactive graph
// and to a finished ForceAtlas2 layout, for synthetic graphs of 500, 2,000
// and 5,000 nodes in headless Chromium, and the gzipped size of the bundle.
//
//   cd ui && npm run build && npm run bench [-- 500 2000]
//
// The page's ?bench=N mode draws a synthetic subgraph (src/bench.js) without
// the API; "interactive" is sigma's first frame with every node (the graph
// answers clicks, drags and zoom from then on, while the layout runs in its
// worker), "laid out" is when the layout settled or hit its time budget.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { launch, serveDist } from "./browser.mjs";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const RUNS = 3;

function bundleSizes() {
  const rows = [];
  const walk = (dir) => {
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, f.name);
      if (f.isDirectory()) walk(p);
      else {
        const raw = readFileSync(p);
        rows.push({ file: p.slice(dist.length + 1), bytes: raw.length, gzip: gzipSync(raw, { level: 9 }).length });
      }
    }
  };
  walk(dist);
  return rows;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await serveDist(dist);
const browser = await launch();
try {
  console.log(`chromium ${browser.version()}, viewport 1366x768, median of ${RUNS} runs`);
  console.log("nodes  edges  interactive_ms  laid_out_ms");
  for (const n of sizes.length ? sizes : [500, 2000, 5000]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(`${server.url}/?bench=${n}`);
      await page.waitForFunction(() => document.body.dataset.layout === "done", null, { timeout: 60000 });
      runs.push(await page.evaluate(() => window.__eg.bench));
      await page.close();
    }
    const r = runs[0];
    console.log(
      `${String(r.nodes).padStart(5)}  ${String(r.edges).padStart(5)}  ${String(median(runs.map((x) => x.interactiveMs))).padStart(14)}  ${String(median(runs.map((x) => x.layoutMs))).padStart(11)}`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
let raw = 0, gz = 0;
for (const r of bundleSizes()) {
  raw += r.bytes;
  gz += r.gzip;
  console.log(`${r.file}: ${r.bytes} bytes, ${r.gzip} gzipped`);
}
console.log(`bundle total: ${raw} bytes, ${gz} gzipped`);
