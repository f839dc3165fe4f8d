// The page at the three sizes a new user tries it at (harness.mjs SIZES):
// nothing cut off or out of reach, every label inside the canvas, Fit
// fitting, a phone usable by touch, and a 2,000-node depth-2 view with
// readable labels. Each test saves what it looked at in
// e2e/artifacts/screens/ (kept by CI).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BUDANOV, SIZES, laidOut, nextFrame, nodePoint, ready, run, screen, useServer } from "./harness.mjs";

const ctx = useServer();

// labelsInside asserts that every label drawn is inside the canvas and
// returns how many there are.
async function labelsInside(page, what) {
  const { boxes, width, height } = await page.evaluate(() => {
    const { width, height } = window.__eg.renderer.getDimensions();
    return { boxes: window.__eg.view.labelBoxes(), width, height };
  });
  const out = boxes.filter((b) => b.x < 0 || b.y < 0 || b.x + b.width > width + 0.5 || b.y + b.height > height + 0.5);
  assert.deepEqual(out.map((b) => b.label), [], `${what}: labels cut at the canvas edge (canvas ${width}×${height})`);
  return boxes;
}

// nodesInside asserts that every visible node is drawn inside the canvas.
async function nodesInside(page, what) {
  const outside = await page.evaluate(() => {
    const { renderer, view } = window.__eg;
    const { width, height } = renderer.getDimensions();
    return view.visibleNodes().filter((id) => {
      const p = renderer.graphToViewport(renderer.getNodeDisplayData(id));
      return p.x < 0 || p.y < 0 || p.x > width || p.y > height;
    });
  });
  assert.deepEqual(outside, [], `${what}: nodes outside the canvas`);
}

// reachable asserts that the element is shown and wholly inside the
// viewport.
async function reachable(page, locator, what) {
  const box = await locator.boundingBox();
  const vp = page.viewportSize();
  assert.ok(box && (await locator.isVisible()), `${what} is shown`);
  assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width + 0.5 && box.y + box.height <= vp.height + 0.5, `${what} is inside the ${vp.width}×${vp.height} screen: ${JSON.stringify(box)}`);
}

for (const [name, size] of Object.entries(SIZES)) {
  describe(`at ${size.width}×${size.height} (${name})`, () => {
    test("every control is in reach, labels are inside the canvas, Fit fits", (t) =>
      run(
        t,
        ctx,
        `/?entity=${BUDANOV}`,
        async (page) => {
          await ready(page);
          await laidOut(page);
          await nextFrame(page);
          await screen(page, `${name}-entity`);
          const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
          assert.ok(scroll <= client, `no sideways scrolling (${scroll} > ${client})`);
          for (const id of ["search-input", "view-entities", "view-statements", "depth", "path-toggle", "list-toggle", "fit", "export-menu"]) {
            await reachable(page, page.getByTestId(id), id);
          }
          const graph = await page.getByTestId("graph").boundingBox();
          assert.ok(graph.width >= Math.min(300, size.width - 20) && graph.height >= 300, `the graph has room: ${graph.width}×${graph.height}`);
          if (size.touch) {
            assert.equal(await page.getByTestId("panel").isVisible(), false, "the evidence is a closed drawer");
          } else {
            const panel = await page.getByTestId("panel").boundingBox();
            assert.ok(graph.x + graph.width <= panel.x + 1, "the canvas ends where the evidence panel starts");
          }

          const boxes = await labelsInside(page, "the entity view");
          const visible = await page.evaluate(() => window.__eg.view.visibleNodes().length);
          assert.equal(boxes.length, visible, "a small view labels every node");

          // Pan and zoom away, then Fit brings every node and label back.
          await page.evaluate(() => window.__eg.renderer.getCamera().setState({ x: 3, y: -2, ratio: 0.3 }));
          await page.getByTestId("fit").click();
          await page.waitForFunction(() => {
            const s = window.__eg.renderer.getCamera().getState();
            return s.x === 0.5 && s.y === 0.5 && s.ratio === 1;
          });
          await nextFrame(page);
          await nodesInside(page, "after Fit");
          assert.equal((await labelsInside(page, "after Fit")).length, visible);

          // The filters: on a phone a drawer, every label whole.
          if (size.touch) {
            await page.getByTestId("filters-toggle").click();
            await page.waitForFunction(() => document.body.dataset.drawer === "filters");
            await page.waitForTimeout(300); // the drawer slides in
          }
          await reachable(page, page.getByTestId("date-apply"), "the date Apply button");
          const cut = await page.$$eval("[data-testid=filters] label, [data-testid=filters] h2", (els) =>
            els.filter((e) => e.offsetParent && e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent.trim()),
          );
          assert.deepEqual(cut, [], "filter labels cut");
          await screen(page, `${name}-filters`);
        },
        size,
      ));

    test("the path view keeps its labels inside the canvas", (t) =>
      run(
        t,
        ctx,
        `/?pfrom=person:andrii-yusov&pto=${BUDANOV}`,
        async (page) => {
          await ready(page);
          await laidOut(page);
          await nextFrame(page);
          await page.getByTestId("path-result").first().waitFor({ state: "attached" });
          await screen(page, `${name}-path`);
          const boxes = await labelsInside(page, "the path view");
          const labels = boxes.map((b) => b.label);
          assert.ok(labels.includes("Kyrylo Budanov") && labels.includes("Andrii Yusov"), `both ends are labelled: ${labels.join(", ")}`);
        },
        size,
      ));

    test("a 2,000-node depth-2 view labels its biggest nodes without overlaps", (t) =>
      run(
        t,
        ctx,
        "/?bench=2000&shape=depth2",
        async (page) => {
          await page.waitForFunction(() => document.body.dataset.layout === "done", null, { timeout: 60_000 });
          await nextFrame(page);
          await screen(page, `${name}-depth2-2000`);
          const boxes = await labelsInside(page, "2,000 nodes");
          assert.ok(boxes.length >= 5 && boxes.length <= 120, `a readable number of labels: ${boxes.length}`);
          assert.ok(boxes.some((b) => b.label === "Root person"), "the entity the view is around is labelled");
          const overlaps = [];
          for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) {
              const [a, b] = [boxes[i], boxes[j]];
              if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) overlaps.push(`${a.label} / ${b.label}`);
            }
          }
          assert.deepEqual(overlaps, [], "overlapping labels");
        },
        size,
      ));
  });
}

describe("on a phone", () => {
  test("tapping a node expands it and opens its evidence in a drawer", (t) =>
    run(
      t,
      ctx,
      `/?entity=${BUDANOV}`,
      async (page) => {
        await ready(page);
        await laidOut(page);
        const { x, y } = await nodePoint(page, "country:north-korea");
        await page.touchscreen.tap(x, y);
        await page.waitForURL(/expand=country:north-korea/);
        await page.waitForFunction(() => document.body.dataset.drawer === "panel");
        await page.waitForTimeout(300); // the drawer slides in
        const title = page.getByTestId("panel-title");
        assert.match(await title.innerText(), /North Korea/);
        await reachable(page, title, "the evidence title");
        await page.getByTestId("said-about").getByTestId("statement-card").first().waitFor();
        assert.equal(await page.getByTestId("panel-toggle").getAttribute("aria-expanded"), "true");
        await screen(page, "phone-evidence");
        const sheet = await page.getByTestId("panel").boundingBox();
        assert.ok(sheet.y > 150, "the top of the graph stays in view above the evidence");
        await page.getByTestId("panel-close").click();
        await page.waitForFunction(() => document.body.dataset.drawer === "");
        await page.waitForTimeout(300);
        assert.equal(await page.getByTestId("panel").isVisible(), false);
        // The List is how a phone reaches edges, too thin to tap.
        await page.getByTestId("list-toggle").click();
        await page.locator(`[data-testid=edge-row][data-type=STATED][data-source="${BUDANOV}"][data-target="country:russia"] button`).click();
        await page.waitForFunction(() => document.body.dataset.drawer === "panel");
        await page.getByTestId("edge-evidence").getByTestId("statement-card").first().waitFor();
        await screen(page, "phone-edge-evidence");
      },
      SIZES.phone,
    ));
});
