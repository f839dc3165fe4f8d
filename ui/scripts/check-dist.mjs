// Rebuilds ui/dist and fails if it differs from what git has committed, so
// the binary (which embeds ui/dist) never ships a build older than the
// source. Run from ui/: `npm run check-dist`.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ui = join(dirname(fileURLToPath(import.meta.url)), "..");
execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { cwd: ui, stdio: "inherit" });
// --porcelain lists modified, deleted and untracked files alike.
const changed = execFileSync("git", ["status", "--porcelain", "--untracked-files=all", "--", "dist"], { cwd: ui, encoding: "utf8" });
if (changed.trim()) {
  console.error(`ui/dist differs from the committed build; run \`npm run build\` in ui/ and commit ui/dist:\n${changed}`);
  process.exit(1);
}
console.log("ui/dist matches the committed build");
