// Starts the real entitygraph binary for the end-to-end tests: a fresh
// SQLite store in a temporary folder with the seed article and the demo
// corpus ingested, then `serve --demo` on a free loopback port. Both are
// ingested explicitly because --demo only fills an empty store.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SEED = resolve(REPO, "..", "shared", "seed", "north-korea-weapons.txt");
export const DEMO = resolve(REPO, "demo", "articles.jsonl");

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

// binary returns ENTITYGRAPH_BIN, or builds cmd/entitygraph into dir when it
// is unset, so `npm test` works from a bare checkout with Go installed.
function binary(dir) {
  if (process.env.ENTITYGRAPH_BIN) return resolve(process.env.ENTITYGRAPH_BIN);
  const out = join(dir, "entitygraph");
  execFileSync("go", ["build", "-o", out, "./cmd/entitygraph"], { cwd: REPO, stdio: "inherit" });
  return out;
}

// startServer resolves to {url, stop()} once /readyz answers 200; it
// rejects with the server's output if that does not happen in time.
// ENTITYGRAPH_URL, when set, points the tests at a server already running
// (loaded with the same data) instead.
export async function startServer() {
  if (process.env.ENTITYGRAPH_URL) return { url: process.env.ENTITYGRAPH_URL.replace(/\/$/, ""), stop: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), "eg-e2e-"));
  const bin = binary(dir);
  const store = `sqlite:${join(dir, "g.db")}`;
  execFileSync(bin, ["ingest", "--store", store, SEED, DEMO], { cwd: REPO, stdio: ["ignore", "ignore", "inherit"] });
  const port = await freePort();
  const proc = spawn(bin, ["serve", "--store", store, "--addr", `127.0.0.1:${port}`, "--demo"], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  proc.stdout.on("data", (d) => (output += d));
  proc.stderr.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (proc.exitCode === null) {
      proc.kill("SIGTERM");
      await new Promise((r) => proc.once("exit", r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`entitygraph serve did not become ready:\n${output}`);
}
