// End-to-end tests of corrections from the page: merge, "not an entity",
// the right speaker of a statement, and undo from the corrections list. The
// file has its own server (corrections change the graph every other file
// reads), and each test undoes what it did through the page.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BUDANOV, apiGet, nodeIds, ready, run as runIn, useServer } from "./harness.mjs";

const ctx = useServer();
const run = (t, path, fn) => runIn(t, ctx, path, fn);

const DUPLICATE = "organization:defense-intelligence";
const DIRECTORATE = "organization:defense-intelligence-directorate";
const YUSOV = "person:andrii-yusov";

// status returns the HTTP status of GET /api/v1 + path, redirects not
// followed.
async function status(path) {
  const res = await fetch(`${ctx.server.url}/api/v1${path}`, { redirect: "manual" });
  return res.status;
}

// undoFromList opens the corrections list and undoes its newest
// correction, which must be of kind.
async function undoFromList(page, kind) {
  await page.getByTestId("corrections-toggle").click();
  const item = page.getByTestId("correction").first();
  await item.waitFor();
  assert.equal(await item.getAttribute("data-kind"), kind);
  await item.getByTestId("undo").click();
  await item.waitFor({ state: "detached" });
  await page.getByTestId("corrections-close").click();
}

describe("corrections", () => {
  test("merge a duplicate into the entity it names, then undo it", (t) =>
    run(t, `/?entity=${DUPLICATE}`, async (page) => {
      await ready(page);
      await page.getByTestId("correct-entity").locator("summary").click();
      const input = page.getByTestId("merge-into-input");
      await input.fill("Defense Intelligence Directorate");
      const option = page.locator(`[data-testid=merge-into-option][data-id="${DIRECTORATE}"]`);
      await option.waitFor();
      await input.press("Enter");
      await page.getByTestId("merge").filter({ hasText: "Merge into Defense Intelligence Directorate" }).click();
      await page.waitForURL(new RegExp(`entity=${DIRECTORATE}(&|$)`));
      await ready(page);
      assert.ok(!(await nodeIds(page).catch(() => [])).includes(DUPLICATE));
      assert.equal(await page.evaluate((id) => window.__eg.graph.hasNode(id), DUPLICATE), false, "the merged-away node is gone");
      assert.equal(await status(`/entities/${DUPLICATE}`), 308, "the old id redirects");
      const merged = await apiGet(ctx, `/entities/${DIRECTORATE}`);
      assert.ok(merged.aliases.includes("Defense Intelligence"), "the merged name is an alias");

      await undoFromList(page, "merge");
      await ready(page);
      assert.equal(await status(`/entities/${DUPLICATE}`), 200, "undo brings the entity back");
    }));

  test("an entity that is not one leaves the graph, and undo brings it back", (t) =>
    run(t, `/?entity=organization:national-intelligence-service`, async (page) => {
      await ready(page);
      await page.getByTestId("correct-entity").locator("summary").click();
      await page.getByTestId("not-an-entity").click();
      await page.waitForURL((u) => !u.search.includes("entity="));
      assert.equal(await status("/entities/organization:national-intelligence-service"), 404);
      const found = await apiGet(ctx, "/entities?q=National%20Intelligence%20Service");
      assert.equal(found.entities.length, 0, "search no longer finds it");

      await undoFromList(page, "hide");
      assert.equal(await status("/entities/organization:national-intelligence-service"), 200);
    }));

  test("a statement's wrong speaker is replaced by the one picked, and undo restores it", (t) =>
    run(t, `/?entity=${BUDANOV}`, async (page) => {
      await ready(page);
      const card = page.getByTestId("said-by").getByTestId("statement-card").first();
      await card.waitFor();
      const id = await card.getAttribute("data-id");
      await card.getByTestId("wrong-speaker").click();
      const input = card.getByTestId("speaker-pick-input");
      await input.fill("Andrii Yusov");
      await card.locator(`[data-testid=speaker-pick-option][data-id="${YUSOV}"]`).waitFor();
      await input.press("Enter");
      // The panel draws again from the corrected graph.
      await page.locator(`[data-testid=said-by] [data-testid=statement-card][data-id="${id}"]`).waitFor({ state: "detached" });
      assert.equal((await apiGet(ctx, `/statements/${id}`)).speaker.id, YUSOV);
      const his = await apiGet(ctx, `/statements?speaker=${YUSOV}&page_size=500`);
      assert.ok(his.statements.some((s) => s.id === id), "the statement is listed under the right speaker");

      await undoFromList(page, "speaker");
      assert.equal((await apiGet(ctx, `/statements/${id}`)).speaker.id, BUDANOV);
      await page.locator(`[data-testid=said-by] [data-testid=statement-card][data-id="${id}"]`).waitFor();
    }));
});
