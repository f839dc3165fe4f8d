// The size of ui/dist, file by file, raw and gzipped (level 9, what a
// server sending gzip would send): shared by the benchmark, which reports
// it, and check-dist, which holds it to the budget.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

// BUDGET is the most the whole bundle may weigh gzipped, in bytes.
export const BUDGET = 100_000;

// bundleSizes returns [{file, bytes, gzip}] for every file under dist.
export function bundleSizes(dist) {
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
