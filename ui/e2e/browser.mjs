// Shared by the end-to-end tests and the benchmark: Debian's Chromium driven
// by playwright-core, and a static server for ui/dist.
import { execFileSync } from "node:child_process";
import { existsSync, createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

// These flags make headless Chromium render WebGL in software (no GPU on
// the test machines) and keep it off the network.
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

// ensureChromium installs Debian's chromium package when it is missing (the
// test machines run as root); it throws if that fails.
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  console.error("e2e: /usr/bin/chromium is missing; installing Debian's chromium package");
  execFileSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"], { stdio: "inherit" });
}

export async function launch() {
  ensureChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };

// serveDist serves dir (ui/dist) on a free loopback port, with index.html for
// unknown paths like the Go handler; it resolves to {url, close}.
export function serveDist(dir) {
  const server = createServer((req, res) => {
    const p = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    let file = join(dir, p);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, "index.html");
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
