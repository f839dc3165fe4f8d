// Rebuilds ui/dist and fails if it differs from what git has committed, so
// the binary (which embeds ui/dist) never ships a build older than the
// source, or if it weighs more than its budget gzipped. Run from ui/:
// `npm run check-dist`.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUDGET, bundleSizes } from "./bundle-size.mjs";

const ui = join(dirname(fileURLToPath(import.meta.url)), "..");
execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { cwd: ui, stdio: "inherit" });
// --porcelain lists modified, deleted and untracked files alike.
const changed = execFileSync("git", ["status", "--porcelain", "--untracked-files=all", "--", "dist"], { cwd: ui, encoding: "utf8" });
if (changed.trim()) {
  console.error(`ui/dist differs from the committed build; run \`npm run build\` in ui/ and commit ui/dist:\n${changed}`);
  process.exit(1);
}
const gzip = bundleSizes(join(ui, "dist")).reduce((sum, r) => sum + r.gzip, 0);
if (gzip > BUDGET) {
  console.error(`ui/dist is ${gzip} bytes gzipped, over its budget of ${BUDGET}`);
  process.exit(1);
}
console.log(`ui/dist matches the committed build (${gzip} bytes gzipped, budget ${BUDGET})`);
