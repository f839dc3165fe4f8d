// Accessibility: axe-core (the npm package, pinned in package-lock.json)
// checks every view of the page, at the desktop size and, for the drawers,
// on a phone; a violation of serious or critical impact fails the test,
// naming the rule and the elements.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import { BUDANOV, SIZES, postClaimReport, ready, run, useServer } from "./harness.mjs";

const ctx = useServer();
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

// checkPage runs axe on the page as it is now and fails on serious or
// critical violations.
async function checkPage(page, what) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const res = await window.axe.run(document, { resultTypes: ["violations"] });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  });
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad, [], `${what}: serious or critical accessibility violations`);
}

// Each view: where it is and what to do there before checking.
const VIEWS = [
  ["the overview", "/", (page) => page.waitForSelector("body[data-view=overview]")],
  [
    "the overview with a date range and its table form open",
    "/?from=2024-01&to=2024-06",
    async (page) => {
      await page.waitForSelector("body[data-view=overview]");
      await page.locator("[data-testid=timeline-card] summary").click();
    },
  ],
  ["two outlets compared", "/?outlet=organization:financial-times&compare=organization:reuters", (page) => page.waitForSelector("body[data-view=outlet]")],
  ["a speaker's timeline", `/?speaker=${BUDANOV}&topic=country:north-korea`, (page) => page.waitForSelector("body[data-view=speaker]")],
  ["statements about an entity", `/?about=country:north-korea`, (page) => page.waitForSelector("body[data-view=about]")],
  ["the disputes", "/?disputed=1", (page) => page.waitForSelector("body[data-view=disputed]")],
  ["an entity", `/?entity=${BUDANOV}`, (page) => page.getByTestId("said-by").getByTestId("statement-card").first().waitFor()],
  ["the list view", `/?entity=${BUDANOV}&list=1`, (page) => page.getByTestId("edge-row").first().waitFor()],
  [
    "an edge's evidence",
    `/?entity=${BUDANOV}&list=1`,
    async (page) => {
      await page.locator(`[data-testid=edge-row][data-type=STATED][data-source="${BUDANOV}"][data-target="country:russia"] button`).click();
      await page.getByTestId("more-statements").waitFor();
    },
  ],
  ["the statement view", `/?entity=${BUDANOV}&view=statements`, (page) => ready(page)],
  ["a path", `/?pfrom=person:andrii-yusov&pto=${BUDANOV}`, (page) => page.getByTestId("path-result").locator("li").first().waitFor()],
  ["an unknown entity", "/?entity=person:kyrylo-budnov", (page) => page.getByTestId("entity-suggestion").first().waitFor()],
  [
    "bad dates",
    `/?entity=${BUDANOV}&from=2024-13`,
    async (page) => {
      await ready(page);
      await page.getByTestId("date-error").waitFor();
    },
  ],
  [
    "a search with suggestions",
    "/",
    async (page) => {
      await page.getByTestId("search-input").fill("Budnov");
      await page.getByTestId("search-option").first().waitFor();
    },
  ],
  [
    "the export menu",
    `/?entity=${BUDANOV}`,
    async (page) => {
      await ready(page);
      await page.locator("[data-testid=export-menu] summary").click();
      await page.getByTestId("export-csv").waitFor();
    },
  ],
  [
    "a document",
    `/?entity=${BUDANOV}`,
    async (page) => {
      await page.getByTestId("said-by").getByTestId("open-document").first().click();
      await page.getByTestId("document-text").waitFor();
    },
  ],
];

describe("accessibility (axe-core)", () => {
  for (const [what, path, prepare] of VIEWS) {
    test(what, (t) =>
      run(
        t,
        ctx,
        path,
        async (page) => {
          await prepare(page);
          await checkPage(page, what);
        },
        SIZES.desktop,
      ));
  }

  for (const [what, path, kind] of [
    ["the overview", "/", "overview"],
    ["an outlet", "/?outlet=organization:financial-times", "outlet"],
  ]) {
    test(`on a phone, ${what}`, (t) =>
      run(
        t,
        ctx,
        path,
        async (page) => {
          await page.waitForSelector(`body[data-view=${kind}]`);
          await checkPage(page, `${what} on a phone`);
        },
        SIZES.phone,
      ));
  }

  for (const [name, size] of [["", SIZES.desktop], [" on a phone", SIZES.phone]]) {
    test(`a claim and its reports${name}`, async (t) => {
      const id = await postClaimReport(ctx);
      await run(
        t,
        ctx,
        `/?claim=${id}`,
        async (page) => {
          await page.waitForSelector("body[data-view=claim]");
          await checkPage(page, `a claim${name}`);
        },
        size,
      );
    });
  }

  for (const drawer of ["filters", "panel"]) {
    test(`on a phone, the ${drawer} drawer open`, (t) =>
      run(
        t,
        ctx,
        `/?entity=${BUDANOV}`,
        async (page) => {
          await ready(page);
          await page.getByTestId(`${drawer}-toggle`).click();
          await page.waitForFunction((d) => document.body.dataset.drawer === d, drawer);
          await page.waitForTimeout(300); // the drawer slides in
          await checkPage(page, `the ${drawer} drawer`);
        },
        SIZES.phone,
      ));
  }
});
