// The research views (issue 12), each a page of tables read from the
// API's views routes, with a deep link (the URL holds the view and its
// date range), a table form of every chart, and CSV and JSON exports:
//
//   /                                   overview: top speakers, outlets, pairs, statements per month
//   /?outlet=ID[&compare=ID2]           an outlet: whom it quotes, about whom, over time, named share
//   /?speaker=ID[&topic=ID]             a speaker's statements by month, filterable by topic
//   /?about=ID[&by=ID]                  the statements about an entity, filterable by speaker
//   /?claim=ID                          one claim (graph.ClaimOf) and its reports, oldest first
//   /?disputed=1                        denials and the claims they answer (graph.Answers)
//
// Every view takes from/to (YYYY, YYYY-MM or YYYY-MM-DD). On the overview
// and in an outlet's view, dragging across the month bars (or picking a
// bar, then shift-picking another) sets the range; the ranked lists count
// over all dates (the API keeps them so), the totals, months and
// statements follow the range.
import { messageFor } from "./api.js";
import { el, kindBadge } from "./dom.js";
import { csvField, download } from "./export.js";
import { addMonths, inRange } from "./filters.js";
import { createSearchBox } from "./search.js";

const enc = encodeURIComponent;
const plural = (n, word) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
const PAGE = 10;
const STATEMENTS_PAGE = 50;
const ENTITY_CSV = ["rank", "id", "name", "kind", "statements"];
const entityCSV = (it, i) => [i + 1, it.entity.id, it.entity.name, it.entity.kind, it.count];

// viewOf returns which research view a state asks for ("" for the graph).
export function viewOf(s) {
  if (s.disputed) return "disputed";
  if (s.claim) return "claim";
  if (s.outlet) return "outlet";
  if (s.speaker) return "speaker";
  if (s.about) return "about";
  if (!s.entity && !(s.pfrom && s.pto)) return "overview";
  return "";
}

// toCSVRows writes rows (arrays) as CSV, header first.
function toCSVRows(header, rows) {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

// exportButtons offers a view's data as CSV and JSON files named after it.
function exportButtons(name, csv, json) {
  return el(
    "div",
    { class: "exports", role: "group", "aria-label": `Export ${name.replaceAll("-", " ")}` },
    el("button", { type: "button", dataset: { testid: "view-export-csv" }, onclick: () => download(csv(), `${name}.csv`, "text/csv") }, "CSV"),
    el("button", { type: "button", dataset: { testid: "view-export-json" }, onclick: () => download(JSON.stringify(json(), null, 2), `${name}.json`, "application/json") }, "JSON"),
  );
}

// showMore makes button load the next page of a list: next() fetches it
// and redraws; a failure takes the button's place.
function showMore(button, next) {
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await next();
    } catch (err) {
      button.replaceWith(el("p", { class: "error" }, messageFor(err)));
    } finally {
      button.disabled = false;
    }
  });
}

// createViews returns the research views drawn into root: render(state)
// draws the view the state asks for; nav(patch) changes the state
// (through the page's navigate).
export function createViews(root, { client, nav }) {
  let seq = 0;
  let shown = "";

  // link is an anchor to another view that navigates in place.
  const link = (patch, text, testid) => {
    const a = el("a", { href: "?" + new URLSearchParams(patch).toString().replaceAll("%3A", ":"), dataset: { testid } }, text);
    a.addEventListener("click", (ev) => {
      if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
      ev.preventDefault();
      nav({ entity: "", pfrom: "", pto: "", outlet: "", compare: "", speaker: "", topic: "", about: "", by: "", claim: "", disputed: "", ...patch });
    });
    return a;
  };
  const range = (s) => ({ from: s.from, to: s.to });
  const withRange = (s, patch) => ({ ...patch, ...(s.from ? { from: s.from } : {}), ...(s.to ? { to: s.to } : {}) });
  const entityLink = (s, role, e, extra = {}) =>
    link(withRange(s, { [role]: e.id, ...extra }), e.name, `${role}-link`);

  // rankTable draws a ranked list as a table with "Show more" (the next
  // page from GET /rankings/{kind}) and its exports; cells(item) returns
  // the cells after the rank.
  function rankTable({ title, kind, scope, first, header, csvHeader = ENTITY_CSV, cells, csv = entityCSV, name, testid }) {
    const items = [...first.items];
    let token = first.next_page_token || "";
    const body = el("tbody");
    const more = el("button", { type: "button", class: "linklike", dataset: { testid: "rank-more" } }, "Show more");
    const draw = () => {
      body.replaceChildren(...items.map((it, i) => el("tr", { dataset: { testid: "rank-row", id: it.entity.id } }, el("td", { class: "num" }, String(i + 1)), ...cells(it))));
      more.hidden = !token;
    };
    showMore(more, async () => {
      const page = await client.get(`/rankings/${kind}`, { scope, page_size: 50, page_token: token });
      items.push(...page.items);
      token = page.next_page_token || "";
      draw();
    });
    draw();
    const caption = el("caption", {}, title);
    return el(
      "section",
      { class: "card", dataset: { testid } },
      el("div", { class: "card-head" }, el("h2", {}, title), exportButtons(name, () => toCSVRows(csvHeader, items.map(csv)), () => items)),
      items.length ? el("div", { class: "table-wrap" }, el("table", { class: "rank" }, caption, el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "#"), ...header.map((h) => el("th", { scope: "col" }, h)))), body)) : el("p", { class: "muted" }, "Nothing yet."),
      more,
    );
  }

  // timelineCard draws statements per month as bars from the first month
  // to the last; brush(from, to) sets the date range when given. Its
  // table form lists every month with its count.
  function timelineCard(s, { title, months, undated, total, name, brush }) {
    const byMonth = months.filter((m) => m.month.length === 7);
    const yearOnly = months.filter((m) => m.month.length !== 7).reduce((n, m) => n + m.count, 0);
    const counts = new Map(byMonth.map((m) => [m.month, m.count]));
    const all = [];
    if (byMonth.length) {
      for (let m = byMonth[0].month; m <= byMonth[byMonth.length - 1].month && all.length < 240; m = addMonths(m, 1)) all.push(m);
    }
    const max = Math.max(1, ...counts.values());
    const bars = el("div", { class: "bars", dataset: { testid: "view-histogram" }, role: brush ? "group" : "img", "aria-label": `${title}: ${all.length ? `${all[0]} to ${all[all.length - 1]}` : "no months"}` });
    let anchor = null;
    all.forEach((m, i) => {
      const c = counts.get(m) || 0;
      const attrs = { class: `vbar ${inRange(m, s.from, s.to) && (s.from || s.to) ? "in" : ""}`, style: `--h:${c ? Math.max(4, (c / max) * 100) : 0}%`, dataset: { month: m, i: String(i), testid: "view-bar" }, title: `${m}: ${plural(c, "statement")}` };
      if (brush) {
        bars.append(el("button", { ...attrs, type: "button", "aria-label": `${m}: ${plural(c, "statement")}`, tabindex: i === 0 ? "0" : "-1" }, el("span", {})));
      } else {
        bars.append(el("span", attrs, el("span", {})));
      }
    });
    if (brush && all.length) {
      // Dragging across bars brushes a range; a click picks one month,
      // shift-click extends from the month picked before.
      let start = null;
      const at = (ev) => {
        const b = document.elementFromPoint(ev.clientX, ev.clientY)?.closest(".vbar");
        return b && bars.contains(b) ? Number(b.dataset.i) : null;
      };
      const mark = (a, b) => bars.querySelectorAll(".vbar").forEach((x, i) => x.classList.toggle("brushing", i >= Math.min(a, b) && i <= Math.max(a, b)));
      bars.addEventListener("pointerdown", (ev) => {
        const i = at(ev);
        if (i === null) return;
        start = i;
        bars.setPointerCapture?.(ev.pointerId);
        mark(i, i);
        ev.preventDefault();
      });
      bars.addEventListener("pointermove", (ev) => {
        if (start === null) return;
        const i = at(ev);
        if (i !== null) mark(start, i);
      });
      bars.addEventListener("pointerup", (ev) => {
        if (start === null) return;
        const i = at(ev) ?? start;
        const [a, b] = [Math.min(start, i), Math.max(start, i)];
        start = null;
        if (ev.shiftKey && anchor !== null) {
          brush(all[Math.min(anchor, a)], all[Math.max(anchor, b)]);
        } else {
          anchor = a;
          brush(all[a], all[b]);
        }
      });
      bars.addEventListener("keydown", (ev) => {
        const i = Number(ev.target.dataset?.i);
        if (Number.isNaN(i)) return;
        const next = ev.key === "ArrowRight" ? i + 1 : ev.key === "ArrowLeft" ? i - 1 : null;
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          if (ev.shiftKey && anchor !== null) brush(all[Math.min(anchor, i)], all[Math.max(anchor, i)]);
          else {
            anchor = i;
            brush(all[i], all[i]);
          }
        }
        if (next !== null && next >= 0 && next < all.length) {
          ev.preventDefault();
          const b = bars.children[next];
          b.tabIndex = 0;
          ev.target.tabIndex = -1;
          b.focus();
        }
      });
    }
    const rows = all.map((m) => [m, counts.get(m) || 0]);
    const note = [undated ? `${undated} undated` : "", yearOnly ? `${yearOnly} dated by year only` : ""].filter(Boolean).join(", ");
    const rangeNote = s.from || s.to ? ` Range: ${s.from || "…"} – ${s.to || "…"}.` : "";
    return el(
      "section",
      { class: "card wide", dataset: { testid: "timeline-card" } },
      el("div", { class: "card-head" }, el("h2", {}, title), exportButtons(name, () => toCSVRows(["month", "statements"], rows), () => ({ months, undated }))),
      el("p", { class: "muted", dataset: { testid: "timeline-caption" } }, `${plural(total, "statement")}${note ? ` (${note})` : ""}.${rangeNote}${brush && all.length ? " Drag across the bars (or pick one, then shift-pick another) to set the date range." : ""}`),
      all.length ? el("div", { class: "bars-wrap", style: `--n:${all.length}` }, bars, el("p", { class: "axis" }, el("span", {}, all[0]), el("span", {}, all[all.length - 1]))) : el("p", { class: "muted" }, "No dated statements."),
      brush && (s.from || s.to) ? el("button", { type: "button", class: "linklike", dataset: { testid: "range-clear" }, onclick: () => brush("", "") }, "Clear the date range") : null,
      el(
        "details",
        { class: "table-form" },
        el("summary", {}, "Table"),
        el("div", { class: "table-wrap" }, el("table", {}, el("caption", {}, title), el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Month"), el("th", { scope: "col" }, "Statements"))), el("tbody", {}, ...rows.map(([m, c]) => el("tr", {}, el("td", {}, m), el("td", { class: "num" }, String(c))))))),
      ),
    );
  }

  const brushTo = (from, to) => nav({ from, to });
  const entityCells = (s, role) => (it) => [el("td", {}, entityLink(s, role, it.entity), " ", kindBadge(it.entity.kind)), el("td", { class: "num" }, String(it.count))];

  async function overview(s) {
    // The claims are asked for at once, not after the overview's answer.
    const claims = claimsCard(s, {}, "most-reported-claims");
    claims.catch(() => {}); // awaited below; an empty graph never awaits it
    const o = await client.get("/overview", { limit: PAGE });
    if (o.statements === 0) {
      return [el("h1", {}, "Overview"), el("p", { class: "muted" }, "The graph is empty: ingest some documents first (entitygraph ingest PATH).")];
    }
    return [
      el("h1", {}, "Overview"),
      el("p", { class: "muted" }, `${plural(o.statements, "statement")}. Ranked over all dates; a date range set here carries into the views the names open. `, link({ disputed: "1" }, "Disputed: denials and the claims they answer", "disputed-link")),
      timelineCard(s, { title: "Statements per month", months: o.months, undated: o.undated, total: o.statements, name: "statements-per-month", brush: brushTo }),
      el(
        "div",
        { class: "cards" },
        rankTable({ title: "Most quoted speakers", kind: "speakers", first: o.speakers, header: ["Speaker", "Statements"], cells: entityCells(s, "speaker"), name: "most-quoted-speakers", testid: "top-speakers" }),
        rankTable({ title: "Outlets with the most statements", kind: "outlets", first: o.outlets, header: ["Outlet", "Statements"], cells: entityCells(s, "outlet"), name: "top-outlets", testid: "top-outlets" }),
        rankTable({
          title: "Busiest speaker → about pairs",
          kind: "pairs",
          first: o.pairs,
          header: ["Speaker", "About", "Statements"],
          csvHeader: ["rank", "speaker_id", "speaker", "about_id", "about", "statements"],
          cells: (it) => [
            el("td", {}, entityLink(s, "speaker", it.entity)),
            el("td", {}, link(withRange(s, { speaker: it.entity.id, topic: it.other.id }), it.other.name, "pair-link")),
            el("td", { class: "num" }, String(it.count)),
          ],
          csv: (it, i) => [i + 1, it.entity.id, it.entity.name, it.other.id, it.other.name, it.count],
          name: "busiest-pairs",
          testid: "top-pairs",
        }),
        await claims,
      ),
    ];
  }

  // outletColumn draws one outlet's profile.
  function outletColumn(s, p) {
    const named = p.named ?? 0;
    const share = p.statements ? Math.round((100 * named) / p.statements) : 0;
    return el(
      "div",
      { class: "outlet-col", dataset: { testid: "outlet-col", id: p.entity.id } },
      el("h1", {}, p.entity.name, " ", kindBadge(p.entity.kind)),
      el(
        "p",
        { dataset: { testid: "outlet-summary" } },
        `${plural(p.statements, "statement")} carried${s.from || s.to ? " in this range" : ""}; `,
        el("strong", { dataset: { testid: "named-share" } }, `${share}%`),
        ` with a named person as speaker (${named} of ${p.statements}). `,
        link({ entity: p.entity.id }, "Open in the graph", "graph-link"),
      ),
      timelineCard(s, { title: `${p.entity.name}: statements per month`, months: p.chart.months, undated: p.chart.undated, total: p.chart.statements, name: `${p.entity.id}-per-month`, brush: brushTo }),
      rankTable({ title: "Whom it quotes", kind: "outlet_speakers", scope: p.entity.id, first: p.lists.speakers, header: ["Speaker", "Statements"], cells: entityCells(s, "speaker"), name: `${p.entity.id}-speakers`, testid: "outlet-speakers" }),
      rankTable({ title: "About whom", kind: "outlet_about", scope: p.entity.id, first: p.lists.about, header: ["About", "Statements"], cells: entityCells(s, "about"), name: `${p.entity.id}-about`, testid: "outlet-about" }),
    );
  }

  // profile reads an entity's profile in role as within the state's range,
  // with the months of every date (so that the bars show what a range can
  // be brushed from) in chart.
  async function profile(s, id, as, limit) {
    const [p, all] = await Promise.all([
      client.get(`/entities/${enc(id)}/profile`, { as, limit, ...range(s) }),
      s.from || s.to ? client.get(`/entities/${enc(id)}/profile`, { as, limit: 1 }) : null,
    ]);
    return { ...p, chart: all || p };
  }

  async function outlet(s) {
    const ids = [s.outlet, s.compare].filter(Boolean);
    const profiles = await Promise.all(ids.map((id) => profile(s, id, "outlet", PAGE)));
    const box = el("div", { class: "compare-box" });
    createSearchBox(box, {
      label: "Compare with another outlet",
      placeholder: "Compare with an outlet…",
      testid: "compare",
      onPick: (e) => nav({ compare: e.id }),
    });
    return [
      el("div", { class: "view-tools" }, box, s.compare ? el("button", { type: "button", dataset: { testid: "compare-clear" }, onclick: () => nav({ compare: "" }) }, "Stop comparing") : null),
      el("div", { class: `columns ${profiles.length > 1 ? "two" : ""}` }, ...profiles.map((p) => outletColumn(s, p))),
    ];
  }

  // statementsView draws a speaker's statements (role "speaker", filter
  // topic) or the statements about an entity (role "about", filter by),
  // grouped by month, newest first, a page at a time.
  async function statementsView(s, role) {
    const id = role === "speaker" ? s.speaker : s.about;
    const filterKey = role === "speaker" ? "topic" : "by";
    const filter = s[filterKey];
    const p = await profile(s, id, role, 50);
    const options = role === "speaker" ? p.lists.topics : p.lists.speakers;
    const query = role === "speaker" ? { speaker: id, about: filter } : { about: id, speaker: filter };
    const list = el("div", { class: "statement-list", dataset: { testid: "statement-list" } });
    const statements = [];
    let token = "";
    const more = el("button", { type: "button", dataset: { testid: "statements-more" } }, "Show more");
    const drawList = () => {
      const groups = new Map();
      for (const st of statements) {
        const m = st.date ? st.date.slice(0, 7) : "undated";
        if (!groups.has(m)) groups.set(m, []);
        groups.get(m).push(st);
      }
      list.replaceChildren(
        ...[...groups].map(([m, sts]) =>
          el(
            "section",
            { class: "month", dataset: { testid: "month-group", month: m } },
            el("h2", {}, m === "undated" ? "Undated" : m, el("span", { class: "muted" }, ` · ${plural(sts.length, "statement")}${token ? " so far" : ""}`)),
            el(
              "ol",
              { class: "timeline-items" },
              ...sts.map((st) =>
                el(
                  "li",
                  { dataset: { testid: "timeline-statement", id: st.id } },
                  el("p", { class: "when muted" }, st.date || "undated", " · ", role === "speaker" ? "" : el("span", {}, entityLink(s, "speaker", st.speaker), " · "), ...(st.reported_by.length ? st.reported_by.flatMap((o, i) => [i ? ", " : "", entityLink(s, "outlet", o)]) : ["no outlet named"]), st.document?.title ? ` · ${st.document.title}` : ""),
                  el("blockquote", {}, st.text),
                  st.about.length ? el("p", { class: "topics" }, "About: ", ...st.about.flatMap((a, i) => [i ? ", " : "", entityLink(s, "about", a)])) : null,
                ),
              ),
            ),
          ),
        ),
      );
      if (!statements.length) list.replaceChildren(el("p", { class: "muted" }, "No statements match."));
      more.hidden = !token;
    };
    const fetchPage = async () => {
      const page = await client.get("/statements", { ...query, ...range(s), page_size: STATEMENTS_PAGE, page_token: token });
      statements.push(...page.statements);
      token = page.next_page_token || "";
      drawList();
    };
    showMore(more, fetchPage);
    await fetchPage();
    const selectId = `filter-${role}`;
    const select = el(
      "select",
      { id: selectId, dataset: { testid: "view-filter" } },
      el("option", { value: "" }, role === "speaker" ? "Every topic" : "Every speaker"),
      ...options.items.map((it) => el("option", { value: it.entity.id }, `${it.entity.name} (${it.count})`)),
    );
    if (filter && !options.items.some((it) => it.entity.id === filter)) select.append(el("option", { value: filter }, filter));
    select.value = filter || "";
    select.addEventListener("change", () => nav({ [filterKey]: select.value }));
    const title = role === "speaker" ? `${p.entity.name}: statements` : `Statements about ${p.entity.name}`;
    const name = `${id}-${role === "speaker" ? "statements" : "about"}${filter ? `-${filter}` : ""}`;
    return [
      el("h1", {}, title, " ", kindBadge(p.entity.kind)),
      el("p", { class: "muted", dataset: { testid: "view-summary" } }, `${plural(p.statements, "statement")}${s.from || s.to ? " in this range" : ""}${filter ? `, showing those ${role === "speaker" ? "about" : "by"} ${select.selectedOptions[0]?.textContent.replace(/ \(\d+\)$/, "")}` : ""}, newest first, grouped by month. `, role === "speaker" ? link(withRange(s, { about: id }), `Statements about ${p.entity.name}`, "about-link") : link(withRange(s, { speaker: id }), `${p.entity.name}'s own statements`, "speaker-self-link"), " · ", link({ entity: id }, "Open in the graph", "graph-link")),
      timelineCard(s, { title: "Per month", months: p.chart.months, undated: p.chart.undated, total: p.chart.statements, name: `${id}-per-month`, brush: brushTo }),
      await claimsCard(s, role === "speaker" ? { speaker: id, about: filter } : { about: id, speaker: filter }, `${name}-claims`),
      el(
        "div",
        { class: "view-tools" },
        el("label", { for: selectId }, role === "speaker" ? "Topic " : "Speaker "),
        select,
        exportButtons(name, () => toCSVRows(["id", "date", "speaker", "about", "outlets", "document", "text"], statements.map((st) => [st.id, st.date, st.speaker.name, st.about.map((a) => a.name).join("; "), st.reported_by.map((o) => o.name).join("; "), st.document_id, st.text])), () => statements),
      ),
      list,
      more,
    ];
  }

  // claimsCard lists the claims reported more than once that query
  // selects (GET /claims), each opening its claim view.
  async function claimsCard(s, query, name) {
    const page = await client.get("/claims", { ...query, page_size: PAGE });
    const rows = page.claims;
    return el(
      "section",
      { class: "card", dataset: { testid: "claims-card" } },
      el(
        "div",
        { class: "card-head" },
        el("h2", {}, "Claims reported more than once"),
        exportButtons(name, () => toCSVRows(["claim", "speaker", "reports", "first_date", "first_outlets", "text"], rows.map((c) => [c.id, c.speaker.name, c.reports, c.first.date, c.first.reported_by.map((o) => o.name).join("; "), c.first.text])), () => rows),
      ),
      rows.length
        ? el(
            "div",
            { class: "table-wrap" },
            el(
              "table",
              {},
              el("caption", {}, "Claims reported more than once"),
              el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Claim"), el("th", { scope: "col" }, "Speaker"), el("th", { scope: "col" }, "Reports"))),
              el(
                "tbody",
                {},
                ...rows.map((c) =>
                  el(
                    "tr",
                    { dataset: { testid: "claim-row", id: c.id } },
                    el("td", {}, link({ claim: c.id }, c.first.quote || c.first.text, "claim-view-link")),
                    el("td", {}, c.speaker.id ? entityLink(s, "speaker", c.speaker) : "unknown"),
                    el("td", { class: "num" }, String(c.reports)),
                  ),
                ),
              ),
            ),
          )
        : el("p", { class: "muted" }, "No claim here is reported more than once."),
    );
  }

  async function claim(s) {
    const reports = [];
    let token = "";
    const first = await client.get(`/claims/${enc(s.claim)}`, { page_size: STATEMENTS_PAGE });
    const c = first.claim;
    reports.push(...first.statements);
    token = first.next_page_token || "";
    const list = el("ol", { class: "timeline-items", dataset: { testid: "claim-reports" } });
    const more = el("button", { type: "button", dataset: { testid: "statements-more" } }, "Show more");
    const draw = () => {
      list.replaceChildren(
        ...reports.map((st, i) =>
          el(
            "li",
            { dataset: { testid: "claim-report", id: st.id } },
            el("p", { class: "when muted" }, i === 0 ? el("strong", {}, "First report · ") : "", st.date || "undated", " · ", ...(st.reported_by.length ? st.reported_by.flatMap((o, j) => [j ? ", " : "", entityLink(s, "outlet", o)]) : ["no outlet named"]), st.document?.title ? ` · ${st.document.title}` : ""),
            el("blockquote", {}, st.text),
          ),
        ),
      );
      more.hidden = !token;
    };
    showMore(more, async () => {
      const page = await client.get(`/claims/${enc(s.claim)}`, { page_size: STATEMENTS_PAGE, page_token: token });
      reports.push(...page.statements);
      token = page.next_page_token || "";
      draw();
    });
    draw();
    const name = `${s.claim}-reports`;
    return [
      el("h1", {}, "One claim, ", plural(c.reports, "report")),
      el("p", { dataset: { testid: "claim-summary" } }, c.speaker.id ? entityLink(s, "speaker", c.speaker) : "An unknown speaker", c.first.quote ? `: “${c.first.quote}”` : "", ` First reported ${c.first.date || "(undated)"}.`),
      timelineCard(s, { title: "Reports per month", months: first.months, undated: first.undated, total: c.reports, name: `${s.claim}-per-month` }),
      rankTable({ title: "Outlets that carried it", kind: "claim_outlets", scope: s.claim, first: c.outlets, header: ["Outlet", "Reports"], cells: entityCells(s, "outlet"), name: `${s.claim}-outlets`, testid: "claim-outlets" }),
      el(
        "section",
        { class: "card" },
        el("div", { class: "card-head" }, el("h2", {}, "Reports, oldest first"), exportButtons(name, () => toCSVRows(["id", "date", "outlets", "document", "text"], reports.map((st) => [st.id, st.date, st.reported_by.map((o) => o.name).join("; "), st.document_id, st.text])), () => ({ claim: c, reports }))),
        list,
        more,
      ),
    ];
  }

  async function disputed(s) {
    const pairs = [];
    let token = "";
    const body = el("tbody");
    const more = el("button", { type: "button", dataset: { testid: "statements-more" } }, "Show more");
    const cell = (st) => el("td", {}, el("p", { class: "when muted" }, st.date || "undated", " · ", st.speaker.id ? entityLink(s, "speaker", st.speaker) : "unknown"), el("blockquote", {}, st.text));
    const draw = () => {
      body.replaceChildren(...pairs.map((p) => el("tr", { dataset: { testid: "dispute-row", id: p.denial.id } }, cell(p.claim), cell(p.denial))));
      more.hidden = !token;
    };
    const fetchPage = async () => {
      const page = await client.get("/disputes", { page_size: STATEMENTS_PAGE, page_token: token });
      pairs.push(...page.disputes);
      token = page.next_page_token || "";
      draw();
    };
    showMore(more, fetchPage);
    await fetchPage();
    const csv = () => toCSVRows(["claim_id", "claim_date", "claim_speaker", "claim", "denial_id", "denial_date", "denier", "denial"],
      pairs.map((p) => [p.claim.id, p.claim.date, p.claim.speaker.name, p.claim.text, p.denial.id, p.denial.date, p.denial.speaker.name, p.denial.text]));
    return [
      el("h1", {}, "Disputed"),
      el("p", { class: "muted" }, "Statements that deny or reject, each beside the claim it answers: the nearest statement before it in its article by another speaker about the denier and every entity the denial is about. Precision over recall: a denial whose claim the article does not state is left out."),
      el(
        "section",
        { class: "card" },
        el("div", { class: "card-head" }, el("h2", {}, "Claims and their denials"), exportButtons("disputes", csv, () => pairs)),
        pairs.length
          ? el("div", { class: "table-wrap" }, el("table", { dataset: { testid: "disputes" } }, el("caption", {}, "Claims and their denials"), el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Claim"), el("th", { scope: "col" }, "Denial"))), body))
          : el("p", { class: "muted" }, "No denial here answers a claim."),
        more,
      ),
    ];
  }

  const VIEWS = { overview, outlet, claim, disputed, speaker: (s) => statementsView(s, "speaker"), about: (s) => statementsView(s, "about") };

  // render draws the view the state asks for; a state that asks for the
  // same view and data again leaves the page as it is.
  async function render(s, kind) {
    const key = JSON.stringify([kind, s.outlet, s.compare, s.speaker, s.topic, s.about, s.by, s.claim, s.disputed, s.from, s.to]);
    if (key === shown) return;
    shown = key;
    const my = ++seq;
    document.body.dataset.view = "loading";
    root.setAttribute("aria-busy", "true");
    let content;
    try {
      content = await VIEWS[kind](s);
    } catch (err) {
      content = [el("p", { class: "error", role: "alert", dataset: { testid: "view-error" } }, messageFor(err))];
    }
    if (my !== seq) return;
    root.replaceChildren(el("div", { class: `view view-${kind}`, dataset: { testid: `view-${kind}` } }, ...content));
    root.removeAttribute("aria-busy");
    root.scrollTop = 0;
    document.body.dataset.view = kind;
  }
  return { render, reset: () => (shown = "") };
}
