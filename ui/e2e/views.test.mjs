// The research views (issue 12) in headless Chromium against the real
// binary: each opened from its deep link at the three sizes (with
// screenshots in artifacts/screens/), compared with what the API says,
// and used as a researcher would: brushing the months, opening a name,
// paging a ranking, filtering a timeline, comparing two outlets,
// exporting.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { BUDANOV, SIZES, apiGet, postClaimReport, ready, run, screen, statementsOf, useServer } from "./harness.mjs";

const ctx = useServer();
const FT = "organization:financial-times";
const NK = "country:north-korea";

const viewShown = (page, kind) => page.waitForSelector(`body[data-view=${kind}]`);
const rowIds = (page, testid) => page.$$eval(`[data-testid=${testid}] [data-testid=rank-row]`, (rows) => rows.map((r) => r.dataset.id));
const timelineIds = (page) => page.$$eval("[data-testid=timeline-statement]", (li) => li.map((l) => l.dataset.id));

// fits asserts that the page does not scroll sideways and that every
// control of the view is inside the screen's width.
async function fits(page, what) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(scroll <= client, `${what}: no sideways scrolling (${scroll} > ${client})`);
  const out = await page.evaluate(() =>
    [...document.querySelectorAll("#views button, #views a, #views select, #views input")]
      .filter((e) => e.offsetParent !== null)
      .map((e) => [e.textContent.trim() || e.dataset.testid, e.getBoundingClientRect()])
      .filter(([, r]) => r.left < -0.5 || r.right > window.innerWidth + 0.5)
      .map(([t]) => t),
  );
  assert.deepEqual(out, [], `${what}: controls cut at the screen's edge`);
}

// downloaded returns the text of the file the click on locator offers.
async function downloaded(page, locator) {
  const [dl] = await Promise.all([page.waitForEvent("download"), locator.click()]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), "utf8") };
}

for (const [name, size] of Object.entries(SIZES)) {
  describe(`the views at ${size.width}×${size.height} (${name})`, () => {
    test("the overview is the landing page", (t) =>
      run(
        t,
        ctx,
        "/",
        async (page) => {
          const o = await apiGet(ctx, "/overview");
          await viewShown(page, "overview");
          await fits(page, "the overview");
          await screen(page, `${name}-overview`);
          assert.deepEqual(await rowIds(page, "top-speakers"), o.speakers.items.map((i) => i.entity.id));
          assert.deepEqual(await rowIds(page, "top-outlets"), o.outlets.items.map((i) => i.entity.id));
          assert.equal(await page.getByTestId("view-bar").count() > 0, true, "statements per month are drawn");
          assert.equal(await page.getByTestId("starter").count(), 0, "the chips are gone");
        },
        size,
      ));

    test("two outlets side by side", (t) =>
      run(
        t,
        ctx,
        `/?outlet=${FT}&compare=organization:reuters`,
        async (page) => {
          await viewShown(page, "outlet");
          const cols = page.getByTestId("outlet-col");
          assert.equal(await cols.count(), 2);
          const boxes = [await cols.nth(0).boundingBox(), await cols.nth(1).boundingBox()];
          if (size.width >= 1000) assert.ok(boxes[1].x > boxes[0].x + boxes[0].width - 1, "side by side on a wide screen");
          else assert.ok(boxes[1].y >= boxes[0].y + boxes[0].height - 1, "stacked on a phone");
          await fits(page, "two outlets");
          await screen(page, `${name}-outlets`);
          const ft = await apiGet(ctx, `/entities/${FT}/profile?as=outlet`);
          assert.equal(await cols.nth(0).getByTestId("named-share").innerText(), `${Math.round((100 * ft.named) / ft.statements)}%`);
          assert.deepEqual(await cols.nth(0).locator("[data-testid=outlet-speakers] [data-testid=rank-row]").evaluateAll((r) => r.map((x) => x.dataset.id)), ft.lists.speakers.items.map((i) => i.entity.id));
        },
        size,
      ));

    test("a speaker's timeline, filtered by topic", (t) =>
      run(
        t,
        ctx,
        `/?speaker=${BUDANOV}&topic=${NK}`,
        async (page) => {
          await viewShown(page, "speaker");
          await fits(page, "a speaker's timeline");
          await screen(page, `${name}-speaker`);
          const want = await statementsOf(ctx, { speaker: BUDANOV, about: NK });
          assert.deepEqual(await timelineIds(page), want.map((s) => s.id));
          const months = await page.$$eval("[data-testid=month-group]", (g) => g.map((x) => x.dataset.month));
          assert.deepEqual(months, [...new Set(want.map((s) => (s.date ? s.date.slice(0, 7) : "undated")))], "grouped by month, newest first");
          assert.equal(await page.getByTestId("view-filter").inputValue(), NK);
        },
        size,
      ));

    test("one claim and its reports", async (t) => {
      const id = await postClaimReport(ctx);
      const want = await apiGet(ctx, `/claims/${id}`);
      await run(
        t,
        ctx,
        `/?claim=${id}`,
        async (page) => {
          await viewShown(page, "claim");
          await fits(page, "a claim");
          await screen(page, `${name}-claim`);
          const shown = await page.$$eval("[data-testid=claim-report]", (li) => li.map((l) => l.dataset.id));
          assert.deepEqual(shown, want.statements.map((s) => s.id));
          assert.ok(shown.length >= 2 && shown.length === want.claim.reports, `${shown.length} reports shown of ${want.claim.reports}`);
          assert.deepEqual(await rowIds(page, "claim-outlets"), want.claim.outlets.items.map((i) => i.entity.id));
          assert.match(await page.getByTestId("claim-summary").innerText(), new RegExp(`First reported ${want.claim.first.date}`));
        },
        size,
      );
    });

    test("denials beside the claims they answer", (t) =>
      run(
        t,
        ctx,
        "/?disputed=1",
        async (page) => {
          const want = await apiGet(ctx, "/disputes?page_size=50");
          assert.ok(want.disputes.length > 0, "the demo corpus has a denial that answers a claim");
          await viewShown(page, "disputed");
          await fits(page, "disputes");
          await screen(page, `${name}-disputed`);
          const rows = await page.$$eval("[data-testid=dispute-row]", (r) => r.map((x) => [x.dataset.id, x.cells[0].querySelector("blockquote").textContent, x.cells[1].querySelector("blockquote").textContent]));
          assert.deepEqual(rows, want.disputes.map((d) => [d.denial.id, d.claim.text, d.denial.text]));
        },
        size,
      ));

    test("statements about an entity, filtered by speaker", (t) =>
      run(
        t,
        ctx,
        `/?about=${NK}&by=${BUDANOV}`,
        async (page) => {
          await viewShown(page, "about");
          await fits(page, "statements about");
          await screen(page, `${name}-about`);
          const want = await statementsOf(ctx, { about: NK, speaker: BUDANOV });
          assert.deepEqual(await timelineIds(page), want.map((s) => s.id));
        },
        size,
      ));
  });
}

describe("using the views", () => {
  test("brushing the months sets the range, which a name carries into its view", (t) =>
    run(
      t,
      ctx,
      "/",
      async (page) => {
        await viewShown(page, "overview");
        const bars = page.getByTestId("view-bar");
        const n = await bars.count();
        assert.ok(n >= 3, `several months to brush (${n})`);
        const [a, b] = [await bars.nth(1).boundingBox(), await bars.nth(2).boundingBox()];
        await page.mouse.move(a.x + a.width / 2, a.y + a.height - 2);
        await page.mouse.down();
        await page.mouse.move(b.x + b.width / 2, b.y + b.height - 2, { steps: 4 });
        await page.mouse.up();
        const [m1, m2] = [await bars.nth(1).getAttribute("data-month"), await bars.nth(2).getAttribute("data-month")];
        await page.waitForURL(new RegExp(`from=${m1}&to=${m2}`));
        await viewShown(page, "overview");
        assert.equal(await page.locator(".vbar.in").count(), 2, "the two months brushed are marked");
        await page.locator("[data-testid=top-speakers] [data-testid=speaker-link]").first().click();
        await viewShown(page, "speaker");
        const q = new URL(page.url()).searchParams;
        assert.deepEqual([q.get("from"), q.get("to"), q.has("speaker")], [m1, m2, true]);
        const dates = await page.$$eval("[data-testid=timeline-statement] .when", (w) => w.map((x) => x.textContent.slice(0, 7)));
        for (const d of dates) assert.ok(d >= m1 && d <= m2, `${d} is inside ${m1}–${m2}`);
        await page.goBack();
        await viewShown(page, "overview");
      },
      SIZES.desktop,
    ));

  test("a ranking pages on, and its CSV holds every row shown", (t) =>
    run(
      t,
      ctx,
      "/",
      async (page) => {
        await viewShown(page, "overview");
        const card = page.getByTestId("top-speakers");
        assert.equal(await card.getByTestId("rank-row").count(), 10);
        await card.getByTestId("rank-more").click();
        await page.waitForFunction(() => document.querySelectorAll("[data-testid=top-speakers] [data-testid=rank-row]").length > 10);
        const shown = await rowIds(page, "top-speakers");
        const { name, text } = await downloaded(page, card.getByTestId("view-export-csv"));
        assert.equal(name, "most-quoted-speakers.csv");
        const lines = text.trim().split("\r\n");
        assert.equal(lines[0], "rank,id,name,kind,statements");
        assert.deepEqual(lines.slice(1).map((l) => l.split(",")[1]), shown);
        const json = JSON.parse((await downloaded(page, card.getByTestId("view-export-json"))).text);
        assert.deepEqual(json.map((i) => i.entity.id), shown);
      },
      SIZES.desktop,
    ));

  test("an outlet from the overview, compared with another picked by name", (t) =>
    run(
      t,
      ctx,
      "/",
      async (page) => {
        await viewShown(page, "overview");
        await page.locator(`[data-testid=top-outlets] [data-testid=rank-row][data-id="${FT}"] a`).click();
        await viewShown(page, "outlet");
        assert.match(page.url(), /outlet=organization:financial-times/);
        await page.getByTestId("compare-input").fill("Reuters");
        await page.locator('[data-testid=compare-option][data-id="organization:reuters"]').click();
        await page.waitForURL(/compare=organization:reuters/);
        await page.waitForFunction(() => document.querySelectorAll("[data-testid=outlet-col]").length === 2);
        await page.getByTestId("compare-clear").click();
        await page.waitForFunction(() => document.querySelectorAll("[data-testid=outlet-col]").length === 1);
      },
      SIZES.desktop,
    ));

  test("the topic filter narrows a speaker's statements, and the table form lists the months", (t) =>
    run(
      t,
      ctx,
      `/?speaker=${BUDANOV}`,
      async (page) => {
        await viewShown(page, "speaker");
        const all = await statementsOf(ctx, { speaker: BUDANOV });
        assert.deepEqual(await timelineIds(page), all.map((s) => s.id));
        await page.getByTestId("view-filter").selectOption(NK);
        await page.waitForURL(/topic=country:north-korea/);
        const some = await statementsOf(ctx, { speaker: BUDANOV, about: NK });
        await page.waitForFunction((n) => document.querySelectorAll("[data-testid=timeline-statement]").length === n && document.body.dataset.view === "speaker", some.length);
        assert.deepEqual(await timelineIds(page), some.map((s) => s.id));
        assert.ok(some.length < all.length);
        const card = page.getByTestId("timeline-card");
        await card.locator("summary").click();
        const p = await apiGet(ctx, `/entities/${BUDANOV}/profile?as=speaker`);
        const cells = await card.locator("tbody tr").evaluateAll((rows) => rows.map((r) => [r.cells[0].textContent, Number(r.cells[1].textContent)]));
        for (const m of p.months.filter((x) => x.month.length === 7)) assert.deepEqual(cells.find((c) => c[0] === m.month), [m.month, m.count]);
        const { text } = await downloaded(page, card.getByTestId("view-export-csv"));
        assert.equal(text.trim().split("\r\n").length, cells.length + 1);
      },
      SIZES.desktop,
    ));

  test("a claim reported twice: from the overview, and from an edge's evidence", async (t) => {
    const id = await postClaimReport(ctx);
    await run(
      t,
      ctx,
      "/",
      async (page) => {
        await viewShown(page, "overview");
        await page.locator(`[data-testid=claims-card] [data-testid=claim-row][data-id="${id}"] [data-testid=claim-view-link]`).click();
        await viewShown(page, "claim");
        assert.match(page.url(), new RegExp(`claim=${id}`));
        // The edge Budanov → North Korea lists the quote with its claim.
        await page.goto(`${ctx.server.url}/?entity=${BUDANOV}&list=1`);
        await page.locator(`[data-testid=edge-row][data-type=STATED][data-source="${BUDANOV}"][data-target="${NK}"] button`).click();
        const card = page.getByTestId("edge-evidence").getByTestId("statement-card").filter({ hasText: "Without North Korea" }).first();
        await card.waitFor();
        const { claim } = await apiGet(ctx, `/claims/${id}`);
        // Above the edge's statements, the claim is one line with its count.
        const line = page.locator(`[data-testid=edge-claims] [data-testid=edge-claim][data-id="${id}"]`);
        await line.waitFor();
        assert.match(await line.innerText(), new RegExp(`· ${claim.reports} reports$`));
        assert.equal(await card.getByTestId("claim-link").innerText(), `One of ${claim.reports} reports of this claim`);
        await card.getByTestId("claim-link").click();
        await viewShown(page, "claim");
      },
      SIZES.desktop,
    );
  });

  test("a claim in the statement view: one node, its reports one edge with their count, in the panel and the exports", async (t) => {
    const id = await postClaimReport(ctx);
    const { claim } = await apiGet(ctx, `/claims/${id}`);
    const sg = await apiGet(ctx, `/entities/${BUDANOV}/neighborhood?view=statements`);
    assert.deepEqual(
      sg.nodes.filter((n) => n.id === id).map((n) => [n.kind, n.reports]),
      [["claim", claim.reports]],
      "the API draws the claim as one node",
    );
    await run(
      t,
      ctx,
      `/?entity=${BUDANOV}&view=statements&list=1`,
      async (page) => {
        await ready(page);
        const row = page.locator(`[data-testid=node-row][data-id="${id}"]`);
        assert.equal(await row.getAttribute("data-kind"), "claim");
        assert.match(await row.innerText(), new RegExp(`${claim.reports} reports`));
        // No report of it is a node of its own.
        const reportIds = (await apiGet(ctx, `/claims/${id}`)).statements.map((st) => st.id);
        const kinds = await page.$$eval("[data-testid=node-row]", (rows) => rows.map((r) => r.dataset.id));
        assert.deepEqual(kinds.filter((k) => reportIds.includes(k)), []);
        const edge = page.locator(`[data-testid=edge-row][data-type=STATED][data-source="${BUDANOV}"][data-target="${id}"]`);
        assert.equal(await edge.locator("td").last().innerText(), String(claim.reports));
        await edge.locator("button").click();
        await page.getByTestId("claim-reports").getByTestId("statement-card").nth(claim.reports - 1).waitFor();
        assert.match(await page.getByTestId("claim-facts").innerText(), new RegExp(`^${claim.reports} reports`));
        await row.locator("button").click();
        assert.match(await page.getByTestId("panel-title").innerText(), /^Claim/);
        const cards = await page.getByTestId("claim-reports").getByTestId("statement-card").evaluateAll((c) => c.map((x) => x.dataset.id));
        assert.deepEqual(cards, reportIds);
        // The exports of what is on screen carry the claim's reports.
        await page.locator("[data-testid=export-menu] summary").click();
        const gml = await downloaded(page, page.getByTestId("export-graphml"));
        assert.match(gml.text, new RegExp(`<node id="${id}">[^]*?<data key="n_reports">${claim.reports}</data>`));
        await page.locator("[data-testid=export-menu] summary").click();
        const json = JSON.parse((await downloaded(page, page.getByTestId("export-json"))).text);
        assert.equal(json.nodes.find((n) => n.id === id)?.reports, claim.reports);
        await page.getByTestId("claim-open").click();
        await viewShown(page, "claim");
      },
      SIZES.desktop,
    );
  });

  test("an unknown id in a view's link says so", (t) =>
    run(
      t,
      ctx,
      "/?outlet=organization:no-such-outlet",
      async (page) => {
        await viewShown(page, "outlet");
        assert.match(await page.getByTestId("view-error").innerText(), /no-such-outlet/);
      },
      SIZES.desktop,
    ));
});
