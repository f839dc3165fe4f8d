// The explorer page: wires the URL state, the API, the graph and the panels.
//
// Data flow: every change goes through navigate(), which writes the URL and
// calls apply(). apply() re-fetches only when the part of the state that
// selects data changed (dataKey); filters, hidden nodes, the list toggle and
// the selection are applied to what is already loaded. Fetches are cached,
// so back/forward rebuilds a view from memory and nodes keep their places.
//
// The selected node or edge is in the URL too (sel=node:ID, sel=edge:ID), so
// a shared link reopens the same evidence; each selection is a history
// entry, so back returns to the evidence read before.
import "./style.css";
import { ApiError, Client, messageFor } from "./api.js";
import { dataKey, defaultState, parseSel, parseState, toSearch, validDate } from "./state.js";
import { GraphView } from "./graphview.js";
import { createSearchBox } from "./search.js";
import { el, showDocument, statementCard } from "./evidence.js";
import { renderChecks, renderHistogram } from "./filters.js";
import { renderList } from "./listview.js";
import { download, exportName, snapshot, toGraphML } from "./export.js";
import { kindLabel, REL_STYLE } from "./theme.js";
import { syntheticSubgraph } from "./bench.js";

const $ = (sel) => document.querySelector(sel);
const enc = encodeURIComponent;
// Statements shown at once in the evidence panel; "Show more" loads more.
const EVIDENCE_PAGE = 10;

const client = new Client();
const entityOf = (id) => client.get(`/entities/${enc(id)}`);

let state = defaultState();
let loadedKey = null;
let loadSeq = 0;
let panelSeq = 0;
// What the evidence panel shows and for which date range, see syncPanel.
let panelSubject = null;
let panelRange = "";
let lastPath = null; // the PathResult on screen, if any
let pathError = null; // why the path asked for could not be shown
let listFrame = 0;

const view = new GraphView($("#graph"), {
  onNodeClick: (id) => openNode(id, { expand: true }),
  onEdgeClick: (id) => openEdge(id),
  onNodeContext: (id) => hideNode(id),
  onChange: () => scheduleList(),
  onLayoutDone: () => (document.body.dataset.layout = "done"),
});

// Tests and the benchmark read the page through this handle.
window.__eg = { view, graph: view.graph, renderer: view.renderer, state: () => state };

// ---- state and navigation -------------------------------------------------

function navigate(patch, { replace = false } = {}) {
  const next = { ...state, ...patch };
  const search = toSearch(next);
  if (search !== location.search) {
    history[replace ? "replaceState" : "pushState"](null, "", location.pathname + search);
  }
  apply(next);
}

function apply(next) {
  state = next;
  syncControls();
  applyFilters();
  if (dataKey(state) !== loadedKey) load();
  syncPanel();
}

window.addEventListener("popstate", () => apply(parseState(location.search)));

// ---- controls ---------------------------------------------------------------

const mainSearch = createSearchBox($("#search"), {
  label: "Search entities",
  placeholder: "Search people, organizations, countries…",
  testid: "search",
  onPick: (e) => openEntity(e.id),
});

let pathFrom = null;
let pathTo = null;
const updatePathButton = () => ($("[data-testid=path-find]").disabled = !(pathFrom && pathTo));
const pathFromBox = createSearchBox($("#path-from"), {
  label: "Path from",
  placeholder: "From entity…",
  testid: "path-from",
  onPick: (e) => {
    pathFrom = e.id;
    updatePathButton();
  },
});
const pathToBox = createSearchBox($("#path-to"), {
  label: "Path to",
  placeholder: "To entity…",
  testid: "path-to",
  onPick: (e) => {
    pathTo = e.id;
    updatePathButton();
  },
});
// Typing over a picked name forgets the pick.
pathFromBox.input.addEventListener("input", () => ((pathFrom = null), updatePathButton()));
pathToBox.input.addEventListener("input", () => ((pathTo = null), updatePathButton()));

// A newly asked path takes the evidence panel.
$("[data-testid=path-find]").addEventListener("click", () => {
  navigate({ pfrom: pathFrom, pto: pathTo, pdepth: Number($("[data-testid=path-depth]").value), sel: "" });
});
$("[data-testid=path-clear]").addEventListener("click", () => {
  pathFrom = pathTo = null;
  pathFromBox.setValue("");
  pathToBox.setValue("");
  updatePathButton();
  navigate({ pfrom: "", pto: "" });
});
$("[data-testid=path-toggle]").addEventListener("click", () => setPathBar($("#pathbar").hidden, { focus: true }));

// setPathBar opens or closes the path bar; only the Path button moves the
// focus there, not a state that has a path (which would take it from
// whatever the user was typing in on every change).
function setPathBar(open, { focus = false } = {}) {
  $("#pathbar").hidden = !open;
  $("[data-testid=path-toggle]").setAttribute("aria-expanded", String(open));
  if (open && focus) pathFromBox.input.focus();
}

document.querySelectorAll("[data-view]").forEach((b) => b.addEventListener("click", () => navigate({ view: b.dataset.view })));
$("[data-testid=depth]").addEventListener("change", (e) => navigate({ depth: Number(e.target.value) }));
$("[data-testid=list-toggle]").addEventListener("click", () => navigate({ list: !state.list }));
$("[data-testid=fit]").addEventListener("click", () => view.fit());
$("[data-testid=show-hidden]").addEventListener("click", () => navigate({ hide: [] }));

const syncChecks = renderChecks($("#kind-filters"), $("#rel-filters"), (kinds, rels) => navigate({ kinds, rels }));

const dateForm = $("#date-form");
dateForm.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const from = dateForm.elements.from.value.trim();
  const to = dateForm.elements.to.value.trim();
  const bad = [from, to].find((d) => !validDate(d));
  const err = $("[data-testid=date-error]");
  if (bad !== undefined) {
    err.textContent = `“${bad}” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.`;
    err.hidden = false;
    return;
  }
  if (from && to && from.slice(0, Math.min(from.length, to.length)) > to.slice(0, Math.min(from.length, to.length))) {
    err.textContent = "The start of the range is after its end.";
    err.hidden = false;
    return;
  }
  err.hidden = true;
  navigate({ from, to });
});
$("[data-testid=date-clear]").addEventListener("click", () => {
  $("[data-testid=date-error]").hidden = true;
  navigate({ from: "", to: "" });
});

$("[data-testid=export-png]").addEventListener("click", async () => download(await view.toPNG(), exportName(state.entity, "png")));
$("[data-testid=export-graphml]").addEventListener("click", () =>
  download(toGraphML(snapshot(view)), exportName(state.entity, "graphml"), "application/graphml+xml"),
);
$("[data-testid=export-json]").addEventListener("click", () =>
  download(JSON.stringify(snapshot(view), null, 2), exportName(state.entity, "json"), "application/json"),
);

const dialog = $("#doc-dialog");
$("[data-testid=document-close]").addEventListener("click", () => dialog.close());
dialog.addEventListener("click", (ev) => ev.target === dialog && dialog.close());

document.addEventListener("keydown", (ev) => {
  if (ev.key === "/" && !/INPUT|SELECT|TEXTAREA/.test(document.activeElement?.tagName)) {
    ev.preventDefault();
    mainSearch.input.focus();
  }
});

function syncControls() {
  document.querySelectorAll("[data-view]").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.view === state.view)));
  $("[data-testid=depth]").value = String(state.depth);
  $("[data-testid=list-toggle]").setAttribute("aria-pressed", String(state.list));
  dateForm.elements.from.value = state.from;
  dateForm.elements.to.value = state.to;
  syncChecks(state);
  $("#hidden-section").hidden = state.hide.length === 0;
  $("[data-testid=hidden-count]").textContent = `${state.hide.length} node${state.hide.length === 1 ? "" : "s"} hidden.`;
  const wasHidden = $("#list").hidden;
  $("#list").hidden = !state.list;
  if (wasHidden === state.list) {
    // The canvas changed size with the list; sigma only watches the window.
    view.renderer.resize();
    view.renderer.refresh();
    scheduleList();
  }
  if (state.pfrom && state.pto) {
    setPathBar(true);
    pathFrom = state.pfrom;
    pathTo = state.pto;
    $("[data-testid=path-depth]").value = String(state.pdepth);
    nameOf(state.pfrom).then((n) => pathFromBox.setValue(n));
    nameOf(state.pto).then((n) => pathToBox.setValue(n));
    updatePathButton();
  }
}

const nameOf = (id) =>
  entityOf(id)
    .then((e) => e.name)
    .catch(() => id);

function applyFilters() {
  const kinds = new Set(state.kinds);
  const rels = new Set(state.rels);
  const hidden = new Set(state.hide);
  view.setFilter(
    (id, a) => kinds.has(a.kind) && !hidden.has(id),
    (_, a) => rels.has(a.relType),
  );
}

function scheduleList() {
  if (!state.list || listFrame) return;
  listFrame = requestAnimationFrame(() => {
    listFrame = 0;
    renderList($("#list"), view, { onNode: (id) => openNode(id, { expand: true }), onEdge: (id) => openEdge(id) });
  });
}

// hideNode hides a node, and drops the selection when that hides it too (the
// node itself or an edge of it).
function hideNode(id) {
  const sel = parseSel(state.sel);
  const gone = sel && (sel.type === "node" ? sel.id === id : view.graph.hasEdge(sel.id) && view.graph.extremities(sel.id).includes(id));
  navigate({ hide: [...new Set([...state.hide, id])], sel: gone ? "" : state.sel });
}

function openEntity(id) {
  navigate({ entity: id, expand: [], hide: [], sel: "" });
}

// ---- status -----------------------------------------------------------------

function setStatus(kind, content) {
  const s = $("[data-testid=status]");
  s.dataset.state = kind;
  document.body.dataset.state = kind;
  if (typeof content === "string") s.textContent = content;
  else s.replaceChildren(...(content || []));
}

// ---- loading ----------------------------------------------------------------

function neighborhood(id, depth, extra = {}) {
  return client.get(`/entities/${enc(id)}/neighborhood`, { depth, view: state.view, from: state.from, to: state.to, ...extra });
}

// load fetches every subgraph the state asks for (the entity's
// neighborhood, each expanded node's, the path) and shows their union.
async function load() {
  const seq = ++loadSeq;
  const key = dataKey(state);
  const s = state;
  setStatus("loading", "Loading…");
  document.body.dataset.layout = "";
  const parts = [];
  let message = null;
  let path = null;
  let pathErr = null;
  try {
    if (s.entity) {
      await entityOf(s.entity);
      parts.push({ center: s.entity, sub: await neighborhood(s.entity, s.depth) });
      const more = await Promise.allSettled(s.expand.map((id) => neighborhood(id, 1)));
      more.forEach((r, i) => {
        if (r.status === "fulfilled") parts.push({ center: s.expand[i], sub: r.value });
        else message = `Could not expand ${s.expand[i]}: ${messageFor(r.reason)}`;
      });
    }
    if (s.pfrom && s.pto) {
      try {
        path = await client.get("/paths", { from: s.pfrom, to: s.pto, max_depth: s.pdepth });
        parts.push({ center: s.pfrom, sub: path });
      } catch (err) {
        pathErr = message = err instanceof ApiError && err.status === 404 ? notFoundMessage(err, [s.pfrom, s.pto]) : messageFor(err);
      }
    }
  } catch (err) {
    if (seq !== loadSeq) return;
    loadedKey = key;
    lastPath = pathError = null;
    view.setData(new Map(), new Map(), new Map());
    view.setHighlight(null);
    setNotice("");
    // Not renderHistogram's "no dated statements": nothing was loaded.
    $("#histogram").replaceChildren();
    panelSubject = null;
    showPanelMessage("");
    if (err instanceof ApiError && err.status === 404) setStatus("error", notFoundMessage(err, [s.entity]));
    else setStatus("error", messageFor(err));
    return;
  }
  if (seq !== loadSeq) return;
  loadedKey = key;
  lastPath = path;
  pathError = pathErr;

  const nodes = new Map();
  const edges = new Map();
  const anchors = new Map();
  let omitted = 0;
  let truncated = false;
  for (const { center, sub } of parts) {
    truncated ||= sub.truncated;
    omitted += sub.omitted || 0;
    for (const n of sub.nodes || []) {
      const had = nodes.get(n.id);
      // A node's "+N more" is what its own expansion left out; elsewhere
      // keep the largest count any subgraph reported.
      const om = n.id === center ? n.omitted || 0 : Math.max(had?.omitted || 0, n.omitted || 0);
      nodes.set(n.id, { ...had, ...n, omitted: om });
      if (!anchors.has(n.id) && n.id !== center) anchors.set(n.id, center);
    }
    for (const e of sub.edges || []) edges.set(e.id, e);
  }
  const added = view.setData(nodes, edges, anchors, { root: s.entity });
  if (added === 0) document.body.dataset.layout = "done";
  view.setHighlight(lastPath?.found ? { nodes: new Set(lastPath.order), edges: new Set((lastPath.edges || []).map((e) => e.id)) } : null);
  setNotice(truncated ? `The API cut this view at its node limit: ${omitted ? `${omitted} more not shown` : "some nodes are not shown"}. Lower the depth, narrow the dates, or open a neighbor.` : "");

  if (nodes.size > 0) setStatus("ready", "");
  else if (s.entity) setStatus("empty", `No statements around ${await nameOf(s.entity)}${s.from || s.to ? " in this date range" : ""}.`);
  else if (!lastPath) await showWelcome();
  else setStatus("ready", "");
  if (message) setNotice(message);
  if (seq !== loadSeq) return; // a newer load started during the awaits above
  syncPanel();
  loadHistogram(seq);
}

function notFoundMessage(err, ids) {
  // The API's detail names the id; fall back to the ids we asked for.
  const id = ids.find((x) => err.detail?.includes(x)) ?? ids.filter(Boolean).join(" or ");
  return `No entity with id “${id}”.`;
}

function setNotice(text) {
  const n = $("[data-testid=truncated]");
  n.textContent = text;
  n.hidden = !text;
}

async function showWelcome() {
  setStatus("empty", "Search for a person, organization or country to start.");
  try {
    const page = await client.get("/entities", { page_size: 8 });
    const ents = page.entities || [];
    if (state.entity || state.pfrom) return;
    if (ents.length === 0) {
      setStatus("empty", "The graph is empty: ingest some documents first (entitygraph ingest PATH).");
      return;
    }
    setStatus("empty", [
      el("p", {}, "Search for a person, organization or country to start, or open one of the most mentioned:"),
      el(
        "ul",
        { class: "starters" },
        ...ents.map((e) =>
          el("li", {}, el("button", { type: "button", dataset: { testid: "starter" }, onclick: () => openEntity(e.id) }, e.name, el("span", { class: `kind kind-${e.kind}` }, kindLabel(e.kind)))),
        ),
      ),
    ]);
  } catch (err) {
    setStatus("error", messageFor(err));
  }
}

async function loadHistogram(seq) {
  const root = $("#histogram");
  if (!state.entity) {
    root.replaceChildren(el("p", { class: "muted" }, "Open an entity to see when its statements were made."));
    return;
  }
  try {
    // Every statement touching the entity, ignoring the date filter, so the
    // histogram shows what the filter can choose from.
    const sub = await client.get(`/entities/${enc(state.entity)}/neighborhood`, { depth: 1, view: "statements", limit: 2000 });
    if (seq !== loadSeq) return;
    const dates = (sub.nodes || []).filter((n) => n.kind === "statement").map((n) => n.date || "");
    renderHistogram(root, dates, { from: state.from, to: state.to, onMonth: (m) => navigate({ from: m, to: m }) });
  } catch (err) {
    if (seq === loadSeq) root.replaceChildren(el("p", { class: "error" }, messageFor(err)));
  }
}

// ---- the evidence panel ---------------------------------------------------

function panel(...children) {
  $("#panel-body").replaceChildren(...children);
}

function showPanelMessage(text) {
  panel(el("p", { class: "muted" }, text));
}

// syncPanel makes the graph's selection and the evidence panel show what
// the state asks for: the selected node or edge (sel), else the path when
// one is asked, else the opened entity. It redraws the panel only when that
// subject or the date range changed, so a filter or the list toggle does not
// reload the statements being read; for a new date range it waits for the
// data of that range (an edge's statements come with it). A selection that
// is not in the graph
// waits for the load under way; once everything is loaded and it is still
// missing (a shared link from before the data changed, or an edge the date
// range or view left out), it is dropped from the URL, without a history
// entry, rather than left pointing at nothing.
function syncPanel() {
  const loaded = dataKey(state) === loadedKey;
  const g = view.graph;
  let sel = parseSel(state.sel);
  if (sel && !(sel.type === "node" ? g.hasNode(sel.id) : g.hasEdge(sel.id))) {
    if (!loaded) return;
    state = { ...state, sel: "" };
    history.replaceState(null, "", location.pathname + toSearch(state));
    sel = null;
  }
  view.select(sel);
  let subject = "";
  if (sel) subject = state.sel;
  else if (!loaded) return; // keep what is shown until the new data is in
  else if (state.pfrom && state.pto) subject = `path:${state.pfrom}|${state.pto}|${state.pdepth}`;
  else if (state.entity && g.hasNode(state.entity)) subject = `node:${state.entity}`;
  const range = `${state.from}|${state.to}`;
  if (subject === panelSubject && (range === panelRange || !loaded)) return;
  panelSubject = subject;
  panelRange = range;
  if (sel?.type === "edge") showEdgePanel(sel.id);
  else if (sel) showNodePanel(sel.id);
  else if (subject.startsWith("path:")) showPath(lastPath, pathError);
  else if (subject) showNodePanel(state.entity);
  else showPanelMessage("Click a node or an edge to see the statements behind it.");
}

// openNode selects a node and, when expand is set, adds its neighbors to
// the graph (statements have none of their own to add).
function openNode(id, { expand }) {
  if (!view.graph.hasNode(id)) return;
  const patch = { sel: `node:${id}` };
  const kind = view.graph.getNodeAttribute(id, "kind");
  if (expand && kind !== "statement" && id !== state.entity && !state.expand.includes(id)) {
    patch.expand = [...state.expand, id];
  }
  navigate(patch);
}

function openEdge(id) {
  if (view.graph.hasEdge(id)) navigate({ sel: `edge:${id}` });
}

const cardOptions = {
  entityOf,
  onEntity: (id) => openEntity(id),
  onDocument: (st) => showDocument(dialog, client, st),
};

// statementList renders statements fetched a page at a time by fetchPage(
// token) → {statements, next_page_token}, with a "Show more" button.
function statementList(fetchPage, { testid, empty }) {
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
        list.append(el("button", { type: "button", class: "more", dataset: { testid: "more-statements" }, onclick: () => more(page.next_page_token) }, "Show more"));
      }
    } catch (err) {
      list.querySelector(".loading")?.remove();
      list.append(el("p", { class: "error", role: "alert" }, messageFor(err)));
    }
  };
  more("");
  return list;
}

function kindBadge(kind) {
  return el("span", { class: `kind kind-${kind}` }, kindLabel(kind));
}

async function showNodePanel(id) {
  const seq = ++panelSeq;
  const a = view.graph.getNodeAttributes(id);
  const actions = el(
    "div",
    { class: "actions" },
    id !== state.entity && a.kind !== "statement"
      ? el("button", { type: "button", dataset: { testid: "focus-node" }, onclick: () => openEntity(id) }, "Center here")
      : null,
    el("button", { type: "button", dataset: { testid: "hide-node" }, onclick: () => hideNode(id) }, "Hide"),
  );
  if (a.kind === "statement") {
    const box = el("div", {}, el("p", { class: "loading" }, "Loading the statement…"));
    panel(el("h2", { dataset: { testid: "panel-title" } }, "Statement ", kindBadge("statement")), actions, box);
    try {
      const st = await client.get(`/statements/${enc(id)}`);
      if (seq === panelSeq) box.replaceChildren(await statementCard(st, cardOptions));
    } catch (err) {
      if (seq === panelSeq) box.replaceChildren(el("p", { class: "error" }, messageFor(err)));
    }
    return;
  }
  const facts = el("p", { class: "facts" }, `${a.mentions} mention${a.mentions === 1 ? "" : "s"}`);
  panel(el("h2", { dataset: { testid: "panel-title" } }, a.name, " ", kindBadge(a.kind)), facts, actions);
  const range = { from: state.from, to: state.to, page_size: EVIDENCE_PAGE };
  const section = (title, param, testid) =>
    el(
      "section",
      { class: "evidence-section" },
      el("h3", {}, title),
      statementList((token) => client.get("/statements", { [param]: id, ...range, page_token: token }), { testid, empty: "None." }),
    );
  $("#panel-body").append(
    section(`Said by ${a.name}`, "speaker", "said-by"),
    section(`About ${a.name}`, "about", "said-about"),
    a.kind === "organization" ? section(`Reported by ${a.name}`, "outlet", "reported-by") : "",
  );
  try {
    const e = await entityOf(id);
    if (seq !== panelSeq) return;
    const bits = [`${e.mentions} mention${e.mentions === 1 ? "" : "s"} in ${e.documents} document${e.documents === 1 ? "" : "s"}`];
    if (e.first_seen) bits.push(e.first_seen === e.last_seen ? e.first_seen : `${e.first_seen} – ${e.last_seen}`);
    facts.textContent = bits.join(" · ");
    const aliases = (e.aliases || []).filter((x) => x.toLowerCase() !== e.name.toLowerCase());
    if (aliases.length) facts.after(el("p", { class: "aliases" }, "Also: ", aliases.join(", ")));
  } catch {
    // The graph's own attributes are shown already.
  }
}

function showEdgePanel(id) {
  ++panelSeq;
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
  let ids = a.statements || [];
  // In the statement view an edge touches a statement node: that statement
  // is its evidence.
  if (ids.length === 0) ids = [s, t].filter((n) => g.getNodeAttribute(n, "kind") === "statement");
  if (ids.length === 0) {
    panel(title, el("p", { class: "muted" }, a.role ? `Role: ${a.role}. ` : "", "A relation stated in the documents; it has no statements of its own."));
    return;
  }
  const count = a.count || ids.length;
  panel(
    title,
    el("p", { class: "facts" }, `${count} statement${count === 1 ? "" : "s"}${state.from || state.to ? " in the date range" : ""}`),
    statementList(
      async (token) => {
        const at = Number(token || 0);
        const slice = ids.slice(at, at + EVIDENCE_PAGE);
        const statements = await Promise.all(slice.map((sid) => client.get(`/statements/${enc(sid)}`)));
        return { statements, next_page_token: at + EVIDENCE_PAGE < ids.length ? String(at + EVIDENCE_PAGE) : "" };
      },
      { testid: "edge-evidence", empty: "No statements." },
    ),
  );
}

function showPath(p, message) {
  ++panelSeq;
  if (!p) {
    panel(el("h2", {}, "Path"), el("p", { class: "error", dataset: { testid: "path-result" } }, message || "No path."));
    return;
  }
  if (!p.found) {
    panel(el("h2", {}, "Path"), el("p", { class: "muted", dataset: { testid: "path-result" } }, `No connection within ${state.pdepth} steps.`));
    return;
  }
  const byId = new Map((p.nodes || []).map((n) => [n.id, n]));
  const steps = el("ol", { class: "path", dataset: { testid: "path-result" } });
  p.order.forEach((id, i) => {
    const n = byId.get(id) || { id, name: id, kind: "" };
    const li = el("li", { dataset: { id } }, el("button", { type: "button", class: "linklike", onclick: () => openNode(id, { expand: false }) }, n.name), " ", kindBadge(n.kind));
    const next = p.order[i + 1];
    if (next) {
      const e = (p.edges || []).find((x) => (x.source === id && x.target === next) || (x.source === next && x.target === id));
      if (e) {
        const dir = e.source === id ? "→" : "←";
        li.append(el("div", { class: "step" }, el("button", { type: "button", class: "linklike rel", style: `color:${REL_STYLE[e.type]?.color}`, onclick: () => openEdge(e.id) }, `${dir} ${REL_STYLE[e.type]?.label ?? e.type} ${dir}`)));
      }
    }
    steps.append(li);
  });
  panel(el("h2", {}, "Path"), el("p", { class: "facts" }, `${p.length} step${p.length === 1 ? "" : "s"}. Click a step to read its evidence.`), steps);
}

// ---- start ------------------------------------------------------------------

function startBenchmark(n) {
  const sub = syntheticSubgraph(n);
  document.body.dataset.layout = "";
  const t0 = performance.now();
  const nodes = new Map(sub.nodes.map((x) => [x.id, x]));
  const edges = new Map(sub.edges.map((x) => [x.id, x]));
  const bench = { nodes: nodes.size, edges: edges.size };
  window.__eg.bench = bench;
  view.renderer.once("afterRender", () => {
    // performance.now() counts from the navigation's start.
    bench.interactiveMs = Math.round(performance.now());
  });
  view.handlers.onLayoutDone = () => {
    bench.layoutMs = Math.round(performance.now());
    bench.layoutOnlyMs = Math.round(performance.now() - t0);
    bench.iterations = view.lastLayoutIterations;
    document.body.dataset.layout = "done";
  };
  view.setData(nodes, edges, new Map(), { initial: "random" });
  setStatus("ready", "");
}

const bench = Number(new URLSearchParams(location.search).get("bench"));
if (bench > 0) {
  syncControls();
  startBenchmark(bench);
} else {
  apply(parseState(location.search));
}
