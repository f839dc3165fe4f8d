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
import { $, el, kindBadge } from "./dom.js";
import { createEvidencePanel } from "./panel.js";
import { renderChecks, renderHistogram } from "./filters.js";
import { renderList } from "./listview.js";
import { download, exportName, snapshot, toCSV, toGraphML } from "./export.js";
import { mergeSubgraphs } from "./subgraphs.js";
import { startBenchmark } from "./bench.js";
import { createViews, viewOf } from "./views.js";
import { createCuration } from "./curation.js";

const enc = encodeURIComponent;

const client = new Client();
const entityOf = (id) => client.get(`/entities/${enc(id)}`);

let state = defaultState();
let loadedKey = null;
let loadSeq = 0;
let lastPath = null; // the PathResult on screen, if any
let pathError = null; // why the path asked for could not be shown
let goodRange = { from: "", to: "" }; // the date range of the last view the API answered
let listFrame = 0;

const view = new GraphView($("#graph"), {
  onNodeClick: (id) => openNode(id, { expand: true }),
  onEdgeClick: (id) => openEdge(id),
  onNodeContext: (id) => hideNode(id),
  onChange: () => scheduleList(),
  onLayoutDone: () => (document.body.dataset.layout = "done"),
});

// Tests and the benchmark read the page through this handle.
window.__eg = {
  view,
  graph: view.graph,
  get renderer() {
    return view.renderer;
  },
  state: () => state,
};

// ---- state and navigation -------------------------------------------------

function navigate(patch, { replace = false } = {}) {
  const next = { ...state, ...patch };
  const search = toSearch(next);
  if (search !== location.search) {
    history[replace ? "replaceState" : "pushState"](null, "", location.pathname + search);
  }
  apply(next);
}

// NO_VIEW leaves the research views: what opens an entity or a path in
// the graph adds it.
const NO_VIEW = { outlet: "", compare: "", speaker: "", topic: "", about: "", by: "", claim: "", disputed: "" };

function apply(next) {
  state = next;
  syncControls();
  if (showMode(viewOf(state))) return;
  applyFilters();
  if (dataKey(state) !== loadedKey) load();
  syncPanel();
}

const views = createViews($("#views"), { client, nav: (patch) => navigate({ ...patch, sel: "" }) });

// showMode shows the research view kind (and returns true), or the graph
// for "" (and returns false).
function showMode(kind) {
  const wasViews = document.body.dataset.mode === "views";
  document.body.dataset.mode = kind ? "views" : "graph";
  $("#views").hidden = !kind;
  $("#layout").hidden = !!kind;
  if (kind) {
    setDrawer("");
    views.render(state, kind);
    return true;
  }
  views.reset();
  if (wasViews) {
    // The canvas had no size while hidden; sigma only watches the window.
    view.renderer.resize();
    view.renderer.refresh();
  }
  return false;
}

window.addEventListener("popstate", () => {
  apply(parseState(location.search));
  checkLinkDates(location.search);
});

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
  navigate({ ...NO_VIEW, pfrom: pathFrom, pto: pathTo, pdepth: Number($("[data-testid=path-depth]").value), sel: "" });
});
$("[data-testid=path-clear]").addEventListener("click", () => {
  pathFrom = pathTo = null;
  pathFromBox.setValue("");
  pathToBox.setValue("");
  updatePathButton();
  navigate({ pfrom: "", pto: "" });
});
$("[data-testid=path-toggle]").addEventListener("click", () => setPathBar($("#pathbar").hidden, { focus: true }));

// ---- drawers (narrow screens) -------------------------------------------------

// On a phone the filters and the evidence are drawers over the graph; on a
// wider screen they are columns and these calls change nothing visible.
const narrow = window.matchMedia("(max-width: 760px)");
const DRAWERS = { filters: "filters-toggle", panel: "panel-toggle" };

// setDrawer opens the drawer named (filters or panel) and closes the
// other, or closes both for "".
function setDrawer(name) {
  document.body.dataset.drawer = name;
  for (const [d, toggle] of Object.entries(DRAWERS)) $(`[data-testid=${toggle}]`).setAttribute("aria-expanded", String(d === name));
}

for (const [d, toggle] of Object.entries(DRAWERS)) {
  $(`[data-testid=${toggle}]`).addEventListener("click", () => {
    const open = document.body.dataset.drawer !== d;
    setDrawer(open ? d : "");
    if (open) $(`#${d} .drawer-head button`).focus();
  });
}
$("[data-testid=filters-close]").addEventListener("click", () => setDrawer(""));
$("[data-testid=panel-close]").addEventListener("click", () => setDrawer(""));

// showEvidence opens the evidence drawer on a phone, where a tap on the
// graph would otherwise change a panel out of sight.
function showEvidence() {
  if (narrow.matches) setDrawer("panel");
}

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
// dateProblem returns why from–to is not a date range ("" when it is one).
function dateProblem(from, to) {
  const bad = [from, to].find((d) => !validDate(d));
  if (bad !== undefined) return `“${bad}” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD (months 01–12, days that exist).`;
  const n = Math.min(from.length, to.length);
  if (from && to && from.slice(0, n) > to.slice(0, n)) return "The start of the range is after its end.";
  return "";
}

// showDateError says under the date inputs what is wrong with a range (""
// hides it). Bad dates never replace the graph: the form, a link and the
// API's answer all end up here.
function showDateError(text) {
  const err = $("[data-testid=date-error]");
  err.textContent = text;
  err.hidden = !text;
}

dateForm.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const from = dateForm.elements.from.value.trim();
  const to = dateForm.elements.to.value.trim();
  const problem = dateProblem(from, to);
  showDateError(problem);
  if (!problem) navigate({ from, to });
});
$("[data-testid=date-clear]").addEventListener("click", () => {
  showDateError("");
  navigate({ from: "", to: "" });
});

// checkLinkDates says so when the link's from or to is not a date (the
// state has dropped it, so the graph shows every date), and keeps the bad
// value in its input for the user to correct.
function checkLinkDates(search) {
  const q = new URLSearchParams(search);
  const from = q.get("from") || "";
  const to = q.get("to") || "";
  const bad = [from, to].find((d) => !validDate(d));
  if (bad === undefined) return;
  showDateError(`${dateProblem(from, to)} The link's date range was left out.`);
  if (!validDate(from)) dateForm.elements.from.value = from;
  if (!validDate(to)) dateForm.elements.to.value = to;
}

$("[data-testid=export-png]").addEventListener("click", async () => download(await view.toPNG(), exportName(state.entity, "png")));
$("[data-testid=export-graphml]").addEventListener("click", () =>
  download(toGraphML(snapshot(view)), exportName(state.entity, "graphml"), "application/graphml+xml"),
);
$("[data-testid=export-json]").addEventListener("click", () =>
  download(JSON.stringify(snapshot(view), null, 2), exportName(state.entity, "json"), "application/json"),
);
$("[data-testid=export-csv]").addEventListener("click", () => download(toCSV(snapshot(view)), exportName(state.entity, "csv"), "text/csv"));

const dialog = $("#doc-dialog");
$("[data-testid=document-close]").addEventListener("click", () => dialog.close());
dialog.addEventListener("click", (ev) => ev.target === dialog && dialog.close());

// ---- corrections ------------------------------------------------------------

const curation = createCuration({ onChanged: corrected });
const correctionsDialog = $("#corrections-dialog");
$("[data-testid=corrections-toggle]").addEventListener("click", () => {
  curation.fillList($("[data-testid=corrections-body]"));
  correctionsDialog.showModal();
});
$("[data-testid=corrections-close]").addEventListener("click", () => correctionsDialog.close());
correctionsDialog.addEventListener("click", (ev) => ev.target === correctionsDialog && correctionsDialog.close());

// corrected shows the graph as correction c (recorded, or undone) left it:
// every answer may have changed, so the cache goes and the view loads
// again; an entity merged, retyped or hidden away is left for what it
// became.
function corrected(c, undone) {
  client.clear();
  evidence.clear("");
  views.reset();
  loadedKey = null;
  if (!undone && c.target === state.entity && ["merge", "retype", "hide"].includes(c.kind)) {
    if (c.kind === "hide") navigate({ entity: "", expand: [], hide: [], sel: "" });
    else openEntity(c.after.id);
    return;
  }
  apply({ ...state, expand: state.expand.filter((id) => undone || id !== c.target), sel: undone ? "" : state.sel });
}

document.addEventListener("keydown", (ev) => {
  if (ev.key === "/" && !/INPUT|SELECT|TEXTAREA/.test(document.activeElement?.tagName)) {
    ev.preventDefault();
    mainSearch.input.focus();
  } else if (ev.key === "Escape" && exportMenu.open) {
    exportMenu.open = false;
    exportMenu.querySelector("summary").focus();
  } else if (ev.key === "Escape" && document.body.dataset.drawer && !dialog.open) {
    setDrawer("");
  }
});

// The export menu closes once an export is picked, or on a click elsewhere.
const exportMenu = $("[data-testid=export-menu]");
exportMenu.addEventListener("click", (ev) => ev.target.closest("button") && (exportMenu.open = false));
document.addEventListener("click", (ev) => !exportMenu.contains(ev.target) && (exportMenu.open = false));

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
    // A claim node stands for statements: the Statement box keeps it.
    (id, a) => kinds.has(a.kind === "claim" ? "statement" : a.kind) && !hidden.has(id),
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
  navigate({ ...NO_VIEW, entity: id, expand: [], hide: [], sel: "" });
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
    if (err instanceof ApiError && err.status === 400 && (err.param === "from" || err.param === "to")) {
      // The server refused the date range: say so by the dates and show
      // the last range it took instead of an error where the graph was.
      showDateError(`${err.detail || err.message} The dates were set back to the last range shown.`);
      navigate({ from: goodRange.from, to: goodRange.to }, { replace: true });
      return;
    }
    loadedKey = key;
    lastPath = pathError = null;
    view.setData(new Map(), new Map(), new Map());
    view.setHighlight(null);
    setNotice("");
    // Not renderHistogram's "no dated statements": nothing was loaded.
    $("#histogram").replaceChildren();
    evidence.clear("");
    if (err instanceof ApiError && err.status === 404) showUnknownEntity(notFoundMessage(err, [s.entity]), s.entity);
    else setStatus("error", messageFor(err));
    return;
  }
  if (seq !== loadSeq) return;
  loadedKey = key;
  goodRange = { from: s.from, to: s.to };
  lastPath = path;
  pathError = pathErr;

  const { nodes, edges, anchors, truncated, omitted } = mergeSubgraphs(parts);
  const added = view.setData(nodes, edges, anchors, { root: s.entity });
  if (added === 0) document.body.dataset.layout = "done";
  view.setHighlight(lastPath?.found ? { nodes: new Set(lastPath.order), edges: new Set((lastPath.edges || []).map((e) => e.id)) } : null);
  setNotice(truncated ? `The API cut this view at its node limit: ${omitted ? `${omitted} more not shown` : "some nodes are not shown"}. Lower the depth, narrow the dates, or open a neighbor.` : "");

  if (nodes.size > 0) setStatus("ready", "");
  else if (s.entity) setStatus("empty", `No statements around ${await nameOf(s.entity)}${s.from || s.to ? " in this date range" : ""}.`);
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

// showUnknownEntity reports an entity id that names nothing and offers the
// entities whose names are closest to the words of the id ("person:kyrylo-
// budnov" is searched as "kyrylo budnov"): the matches, or the server's
// near spellings when nothing matches.
async function showUnknownEntity(message, id) {
  setStatus("error", [el("p", {}, message)]);
  const words = id.replace(/^[a-z]+:/, "").replace(/[-_]+/g, " ").trim();
  if (!words) return;
  let found = [];
  try {
    const page = await client.get("/entities", { q: words, page_size: 5 });
    found = page.entities?.length ? page.entities : page.suggestions || [];
  } catch {
    // The message above stands on its own.
  }
  if (state.entity !== id) return;
  if (found.length === 0) {
    setStatus("error", [el("p", {}, message), el("p", {}, `Nothing is named like “${words}”; try the search box.`)]);
    return;
  }
  setStatus("error", [
    el("p", {}, message, " Did you mean:"),
    el(
      "ul",
      { class: "starters", dataset: { testid: "entity-suggestions" } },
      ...found.map((e) => el("li", {}, el("button", { type: "button", dataset: { testid: "entity-suggestion", id: e.id }, onclick: () => openEntity(e.id) }, e.name, kindBadge(e.kind)))),
    ),
  ]);
}

function setNotice(text) {
  const n = $("[data-testid=truncated]");
  n.textContent = text;
  n.hidden = !text;
}

// entityTimeline resolves to an entity's statements per month, with no
// date filter so the histogram shows what the filter can choose from:
// {months: [{month: "YYYY-MM", count}], undated}, from counts the store
// keeps on write.
async function entityTimeline(id) {
  const t = await client.get(`/entities/${enc(id)}/timeline`);
  // A statement dated only by its year ("2024") has no month to be drawn in.
  const byMonth = (m) => m.month.length === 7;
  const yearOnly = t.months.filter((m) => !byMonth(m)).reduce((n, m) => n + m.count, 0);
  return { months: t.months.filter(byMonth), undated: t.undated + yearOnly };
}

async function loadHistogram(seq) {
  const root = $("#histogram");
  if (!state.entity) {
    root.replaceChildren(el("p", { class: "muted" }, "Open an entity to see when its statements were made."));
    return;
  }
  try {
    const timeline = await entityTimeline(state.entity);
    if (seq !== loadSeq) return;
    renderHistogram(root, timeline, { from: state.from, to: state.to, onMonth: (m) => navigate({ from: m, to: m }) });
  } catch (err) {
    if (seq === loadSeq) root.replaceChildren(el("p", { class: "error" }, messageFor(err)));
  }
}

// ---- the evidence panel and the selection ---------------------------------

const evidence = createEvidencePanel($("#panel-body"), {
  client,
  entityOf,
  view,
  dialog,
  curation,
  onEntity: (id) => openEntity(id),
  onHide: (id) => hideNode(id),
  onNode: (id) => openNode(id, { expand: false }),
  onEdge: (id) => openEdge(id),
});

// syncPanel makes the graph's selection and the evidence panel show what
// the state asks for. A selection that is not in the graph waits for the
// load under way; once everything is loaded and it is still missing (a
// shared link from before the data changed, or an edge the date range or
// view left out), it is dropped from the URL, without a history entry,
// rather than left pointing at nothing.
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
  evidence.sync(state, { loaded, path: lastPath, pathError });
}

// openNode selects a node and, when expand is set, adds its neighbors to
// the graph (statements have none of their own to add).
function openNode(id, { expand }) {
  if (!view.graph.hasNode(id)) return;
  showEvidence();
  const patch = { sel: `node:${id}` };
  const kind = view.graph.getNodeAttribute(id, "kind");
  if (expand && kind !== "statement" && kind !== "claim" && id !== state.entity && !state.expand.includes(id)) {
    patch.expand = [...state.expand, id];
  }
  navigate(patch);
}

function openEdge(id) {
  if (!view.graph.hasEdge(id)) return;
  showEvidence();
  navigate({ sel: `edge:${id}` });
}

// ---- start ------------------------------------------------------------------

const benchQuery = new URLSearchParams(location.search);
const bench = Number(benchQuery.get("bench"));
if (bench > 0) {
  syncControls();
  startBenchmark(view, bench, benchQuery.get("shape") || "");
  setStatus("ready", "");
} else {
  apply(parseState(location.search));
  checkLinkDates(location.search);
}
