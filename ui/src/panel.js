// The evidence panel on the right: what the selected node, edge or path
// stands on. For an entity, the statements it made, those about it and (for
// an organization) those it reported; for an edge, the statements behind
// it; for a path, its steps. Statements are fetched a page at a time.
import { messageFor } from "./api.js";
import { el, kindBadge } from "./dom.js";
import { showDocument, statementCard } from "./evidence.js";
import { REL_STYLE } from "./theme.js";

// Statements shown at once in the evidence panel; "Show more" loads more.
const EVIDENCE_PAGE = 10;

const enc = encodeURIComponent;

// The GET /statements parameter that names an entity-view edge's target,
// with speaker= its source.
const EVIDENCE_PARAM = { STATED: "about", REPORTED_BY: "outlet" };

// createEvidencePanel draws into root. deps: client (api.js Client),
// entityOf(id) → promise of the entity, view (GraphView), dialog (the
// document dialog), and what the panel's links do: onEntity(id) centers an
// entity, onHide(id) hides a node, onNode(id) selects a node, onEdge(id) an
// edge; curation (curation.js) gives the correction controls. It returns
// {sync(state, loaded), clear(text)}.
export function createEvidencePanel(root, { client, entityOf, view, dialog, curation, onEntity, onHide, onNode, onEdge }) {
  // seq drops answers for a subject no longer shown.
  let seq = 0;
  // What the panel shows and for which date range, see sync.
  let subject = null;
  let range = "";
  let state = null;

  const cardOptions = {
    entityOf,
    onEntity,
    onDocument: (st) => showDocument(dialog, client, st),
    correct: (st) => curation.statementActions(st),
  };

  function fill(...children) {
    root.replaceChildren(...children);
  }

  function message(text) {
    fill(el("p", { class: "muted" }, text));
  }

  // sync makes the panel show what the state asks for: the selected node or
  // edge (state.sel, already checked to be in the graph), else the path when
  // one is asked, else the opened entity. loaded tells whether the graph
  // holds the data of this state yet, with {path, pathError} the path
  // answer. It redraws only when that subject or the date range changed, so
  // a filter or the list toggle does not reload the statements being read;
  // for a new date range it waits for the data of that range (an edge's
  // count comes with it).
  function sync(s, { loaded, path, pathError }) {
    state = s;
    let next = "";
    if (s.sel) next = s.sel;
    else if (!loaded) return; // keep what is shown until the new data is in
    else if (s.pfrom && s.pto) next = `path:${s.pfrom}|${s.pto}|${s.pdepth}`;
    else if (s.entity && view.graph.hasNode(s.entity)) next = `node:${s.entity}`;
    const nextRange = `${s.from}|${s.to}`;
    if (next === subject && (nextRange === range || !loaded)) return;
    subject = next;
    range = nextRange;
    if (next.startsWith("edge:")) showEdge(next.slice(5));
    else if (next.startsWith("node:")) showNode(next.slice(5));
    else if (next.startsWith("path:")) showPath(path, pathError);
    else message("Click a node or an edge to see the statements behind it.");
  }

  // clear empties the panel (showing text) and forgets its subject, so the
  // next sync redraws it.
  function clear(text) {
    subject = null;
    message(text);
  }

  // statementList renders statements fetched a page at a time by
  // fetchPage(token) → {statements, next_page_token}, with a "Show more"
  // button that says how many are shown when the total is known.
  function statementList(fetchPage, { testid, empty, total = 0 }) {
    const list = el("div", { class: "statements", dataset: { testid } }, el("p", { class: "loading" }, "Loading statements…"));
    const more = async (token) => {
      try {
        const page = await fetchPage(token);
        list.querySelector(".loading")?.remove();
        list.querySelector(".more")?.remove();
        const sts = page.statements || [];
        if (sts.length === 0 && !list.querySelector("article")) list.append(el("p", { class: "muted" }, empty));
        for (const st of sts) list.append(await statementCard(st, cardOptions));
        if (page.next_page_token) {
          const shown = list.querySelectorAll("article").length;
          const label = total > shown ? `Show more (${shown} of ${total} shown)` : "Show more";
          const button = el("button", { type: "button", class: "more", dataset: { testid: "more-statements" } }, label);
          button.addEventListener("click", () => {
            button.disabled = true;
            button.textContent = "Loading…";
            more(page.next_page_token);
          });
          list.append(button);
        }
      } catch (err) {
        list.querySelector(".loading")?.remove();
        list.querySelector(".more")?.remove();
        list.append(el("p", { class: "error", role: "alert" }, messageFor(err)));
      }
    };
    more("");
    return list;
  }

  async function showNode(id) {
    const my = ++seq;
    const a = view.graph.getNodeAttributes(id);
    const actions = el(
      "div",
      { class: "actions" },
      id !== state.entity && a.kind !== "statement" && a.kind !== "claim"
        ? el("button", { type: "button", dataset: { testid: "focus-node" }, onclick: () => onEntity(id) }, "Center here")
        : null,
      el("button", { type: "button", dataset: { testid: "hide-node" }, onclick: () => onHide(id) }, "Hide"),
    );
    if (a.kind === "claim") {
      fill(el("h2", { dataset: { testid: "panel-title" } }, "Claim ", kindBadge("claim")), ...claimReports(id, a.reports, ""), actions);
      return;
    }
    if (a.kind === "statement") {
      const box = el("div", {}, el("p", { class: "loading" }, "Loading the statement…"));
      fill(el("h2", { dataset: { testid: "panel-title" } }, "Statement ", kindBadge("statement")), actions, box);
      try {
        const st = await client.get(`/statements/${enc(id)}`);
        if (my === seq) box.replaceChildren(await statementCard(st, cardOptions));
      } catch (err) {
        if (my === seq) box.replaceChildren(el("p", { class: "error" }, messageFor(err)));
      }
      return;
    }
    const facts = el("p", { class: "facts" }, `${a.mentions} mention${a.mentions === 1 ? "" : "s"}`);
    fill(el("h2", { dataset: { testid: "panel-title" } }, a.name, " ", kindBadge(a.kind)), facts, actions, curation.entityActions({ id, kind: a.kind, name: a.name }));
    const params = { from: state.from, to: state.to, page_size: EVIDENCE_PAGE };
    const section = (title, param, testid) =>
      el(
        "section",
        { class: "evidence-section" },
        el("h3", {}, title),
        statementList((token) => client.get("/statements", { [param]: id, ...params, page_token: token }), { testid, empty: "None." }),
      );
    root.append(
      section(`Said by ${a.name}`, "speaker", "said-by"),
      section(`About ${a.name}`, "about", "said-about"),
      a.kind === "organization" ? section(`Reported by ${a.name}`, "outlet", "reported-by") : "",
    );
    try {
      const e = await entityOf(id);
      if (my !== seq) return;
      const bits = [`${e.mentions} mention${e.mentions === 1 ? "" : "s"} in ${e.documents} document${e.documents === 1 ? "" : "s"}`];
      if (e.first_seen) bits.push(e.first_seen === e.last_seen ? e.first_seen : `${e.first_seen} – ${e.last_seen}`);
      facts.textContent = bits.join(" · ");
      const aliases = (e.aliases || []).filter((x) => x.toLowerCase() !== e.name.toLowerCase());
      if (aliases.length) facts.after(el("p", { class: "aliases" }, "Also: ", aliases.join(", ")));
    } catch {
      // The graph's own attributes are shown already.
    }
  }

  // showEdge shows what an edge stands on. In the entity view a STATED
  // edge S → T is the statements by S about T and a REPORTED_BY edge S → T
  // those by S that T carried, paged from GET /statements; in the statement
  // view an edge touches a statement node, which is its evidence, or a claim
  // node, whose reports are. A
  // relation (affiliated with, part of, based in) has no statements: its
  // role and how many documents state it are all there is.
  function showEdge(id) {
    ++seq;
    const g = view.graph;
    const a = g.getEdgeAttributes(id);
    const [s, t] = g.extremities(id);
    const name = (n) => g.getNodeAttribute(n, "name");
    const title = el(
      "h2",
      { dataset: { testid: "panel-title" } },
      name(s),
      " ",
      el("span", { class: "rel", style: `color:${REL_STYLE[a.relType]?.color}` }, `${REL_STYLE[a.relType]?.label ?? a.relType} →`),
      " ",
      name(t),
    );
    // A claim node's edge counts the claim's reports it joins.
    const claimNode = [s, t].find((n) => g.getNodeAttribute(n, "kind") === "claim");
    if (claimNode) {
      const what = a.relType === "STATED" ? "" : a.relType === "ABOUT" ? ` about ${name(t)}` : ` carried by ${name(t)}`;
      fill(title, ...claimReports(claimNode, a.count, what));
      return;
    }
    const statementNode = [s, t].find((n) => g.getNodeAttribute(n, "kind") === "statement");
    if (statementNode) {
      fill(
        title,
        statementList(async () => ({ statements: [await client.get(`/statements/${enc(statementNode)}`)] }), { testid: "edge-evidence", empty: "No statements." }),
      );
      return;
    }
    const param = EVIDENCE_PARAM[a.relType];
    if (!param) {
      const docs = a.count || 1;
      fill(
        title,
        el(
          "p",
          { class: "facts", dataset: { testid: "relation-facts" } },
          a.role ? `Role: ${a.role} · ` : "",
          `stated in ${docs} document${docs === 1 ? "" : "s"}`,
        ),
        el("p", { class: "muted" }, "A relation stated in the documents; it has no statements of its own."),
      );
      return;
    }
    const count = a.count;
    const dates = a.first ? ` · ${a.first === a.last ? a.first : `${a.first} – ${a.last}`}` : "";
    fill(
      title,
      el("p", { class: "facts" }, `${count} statement${count === 1 ? "" : "s"}${state.from || state.to ? " in the date range" : ""}${dates}`),
      a.relType === "STATED" ? edgeClaims(s, t) : "",
      statementList(
        (token) =>
          client.get("/statements", { speaker: s, [param]: t, from: state.from, to: state.to, page_size: EVIDENCE_PAGE, page_token: token }),
        { testid: "edge-evidence", empty: "No statements.", total: count },
      ),
    );
  }

  // edgeClaims lists, above a STATED edge's statements, the claims of the
  // pair reported more than once (GET /claims?speaker=&about=, over all
  // dates), each as one line with its number of reports linking to its
  // view: the edge's statements, one claim at a time. Nothing shows when
  // there are none.
  function edgeClaims(speaker, about) {
    // A box no longer shown (another subject replaced it) is filled unseen.
    const box = el("div", { class: "edge-claims", dataset: { testid: "edge-claims" } });
    client
      .get("/claims", { speaker, about, page_size: 5 })
      .then((page) => {
        if (!page.claims.length) return;
        box.append(
          el("h3", {}, "Claims reported more than once"),
          el(
            "ul",
            {},
            ...page.claims.map((c) =>
              el(
                "li",
                { dataset: { testid: "edge-claim", id: c.id } },
                el("a", { href: `/?claim=${enc(c.id)}` }, c.first.quote || c.first.text),
                ` · ${c.reports} reports`,
              ),
            ),
          ),
          page.next_page_token ? el("p", { class: "muted" }, "The five most reported; the speaker's view lists them all.") : "",
        );
      })
      .catch(() => {}); // the statements below are the evidence either way
    return box;
  }

  // claimReports returns what a claim node (or an edge of one) shows: how
  // many reports the edge or claim counts in the date range, a link to the
  // claim's view, and the claim's reports, oldest first, paged from GET
  // /claims/{id} (all of them: that route has no date range).
  function claimReports(id, count, what) {
    const inRange = state.from || state.to ? " in the date range" : "";
    return [
      el(
        "p",
        { class: "facts", dataset: { testid: "claim-facts" } },
        `${count} report${count === 1 ? "" : "s"}${what}${inRange} · `,
        el("a", { href: `/?claim=${enc(id)}`, dataset: { testid: "claim-open" } }, "Open the claim"),
      ),
      statementList((token) => client.get(`/claims/${enc(id)}`, { page_size: EVIDENCE_PAGE, page_token: token }), {
        testid: "claim-reports",
        empty: "No reports.",
      }),
    ];
  }

  function showPath(p, problem) {
    ++seq;
    if (!p) {
      fill(el("h2", {}, "Path"), el("p", { class: "error", dataset: { testid: "path-result" } }, problem || "No path."));
      return;
    }
    if (!p.found) {
      fill(el("h2", {}, "Path"), el("p", { class: "muted", dataset: { testid: "path-result" } }, `No connection within ${state.pdepth} steps.`));
      return;
    }
    const byId = new Map((p.nodes || []).map((n) => [n.id, n]));
    const steps = el("ol", { class: "path", dataset: { testid: "path-result" } });
    p.order.forEach((id, i) => {
      const n = byId.get(id) || { id, name: id, kind: "" };
      const li = el("li", { dataset: { id } }, el("button", { type: "button", class: "linklike", onclick: () => onNode(id) }, n.name), " ", kindBadge(n.kind));
      const next = p.order[i + 1];
      if (next) {
        const e = (p.edges || []).find((x) => (x.source === id && x.target === next) || (x.source === next && x.target === id));
        if (e) {
          const dir = e.source === id ? "→" : "←";
          li.append(el("div", { class: "step" }, el("button", { type: "button", class: "linklike rel", style: `color:${REL_STYLE[e.type]?.color}`, onclick: () => onEdge(e.id) }, `${dir} ${REL_STYLE[e.type]?.label ?? e.type} ${dir}`)));
        }
      }
      steps.append(li);
    });
    fill(el("h2", {}, "Path"), el("p", { class: "facts" }, `${p.length} step${p.length === 1 ? "" : "s"}. Click a step to read its evidence.`), steps);
  }

  return { sync, clear };
}
