// What every end-to-end test file shares: the real server and one Chromium
// for the file, a fresh browser context a test, the three screen sizes the
// page is tried at, and screenshots (of every failure in artifacts/, and of
// the views the size tests look at in artifacts/screens/, which CI keeps).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import { launch } from "./browser.mjs";
import { startServer } from "./server.mjs";

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "artifacts");
export const SCREENS = join(ARTIFACTS, "screens");
export const BUDANOV = "person:kyrylo-budanov";

// The sizes of the issue: a desktop, a small laptop, a phone (with touch).
export const SIZES = {
  desktop: { width: 1400, height: 900 },
  laptop: { width: 1024, height: 768 },
  phone: { width: 390, height: 844, touch: true },
};

// useServer starts the server and the browser before the file's tests and
// stops them after; the returned object has {server, browser} once started.
export function useServer() {
  const ctx = {};
  before(async () => {
    ctx.server = await startServer();
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}

const fileName = (name) => name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "");

// run opens a fresh page of size (1366×768 unless given) at path ("" to
// open nothing), runs fn(page), checks that the page threw nothing, and on
// failure saves a screenshot named after the test before rethrowing.
export async function run(t, ctx, path, fn, size = { width: 1366, height: 768 }) {
  const context = await ctx.browser.newContext({
    viewport: { width: size.width, height: size.height },
    isMobile: !!size.touch,
    hasTouch: !!size.touch,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  try {
    if (path !== "") await page.goto(ctx.server.url + path);
    await fn(page);
    assert.deepEqual(errors, [], "the page threw");
  } catch (err) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, fileName(t.name) + ".png");
    await page.screenshot({ path: file }).catch(() => {});
    err.message += `\n(screenshot: ${file})`;
    throw err;
  } finally {
    await context.close();
  }
}

// screen saves what the page shows now as artifacts/screens/NAME.png.
export async function screen(page, name) {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, fileName(name) + ".png") });
}

export const ready = (page) => page.waitForSelector("body[data-state=ready]");
export const laidOut = (page) => page.waitForSelector("body[data-layout=done]");
export const nodeRow = (page, id) => page.locator(`[data-testid=node-row][data-id="${id}"]`);
export const nodeIds = (page) => page.$$eval("[data-testid=node-row]", (rows) => rows.map((r) => r.dataset.id));

// nextFrame waits until the page has drawn two more frames, so that what
// sigma shows follows the last change.
export const nextFrame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

// nodePoint returns where node id is drawn, in page coordinates.
export async function nodePoint(page, id) {
  const p = await page.evaluate((n) => window.__eg.renderer.graphToViewport(window.__eg.graph.getNodeAttributes(n)), id);
  const box = await page.getByTestId("graph").boundingBox();
  return { x: box.x + p.x, y: box.y + p.y };
}

// apiGet returns the JSON the server answers to GET /api/v1 + path.
export async function apiGet(ctx, path) {
  const res = await fetch(`${ctx.server.url}/api/v1${path}`);
  assert.ok(res.ok, `GET ${path}: ${res.status}`);
  return res.json();
}

// statementsOf returns every statement GET /statements gives for params,
// page after page: what the tests compare the page with, so that they
// follow the extraction rather than hold numbers it may change.
export async function statementsOf(ctx, params) {
  const out = [];
  let token = "";
  do {
    const q = new URLSearchParams({ ...params, page_size: "500", ...(token ? { page_token: token } : {}) });
    const page = await apiGet(ctx, `/statements?${q}`);
    out.push(...page.statements);
    token = page.next_page_token || "";
  } while (token);
  return out;
}

// postClaimReport adds, through POST /documents, a second report of one
// of Budanov's quotes in the demo corpus (in another outlet's article, a
// few days later), so that a claim has two reports; it resolves to the
// claim's id. Posting it again changes nothing.
export async function postClaimReport(ctx) {
  const text =
    "Kyrylo Budanov, the head of Ukraine's military intelligence, repeated his warning on Saturday. " +
    '"Without North Korea, the situation for the russians would have been catastrophic," Budanov told reporters in Kyiv.';
  const res = await fetch(`${ctx.server.url}/api/v1/documents`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ id: "e2e-claim-report", date: "2024-01-20", source: "Meridian Wire", title: "Budanov repeats his warning", text }),
  });
  assert.ok(res.ok, `POST /documents: ${res.status}`);
  const { claims } = await apiGet(ctx, `/claims?speaker=${BUDANOV}`);
  assert.ok(claims.length > 0, "the posted report makes a claim with two reports");
  return claims[0].id;
}
