// The page's state lives in the URL, so a shared link opens the same view and
// back/forward walks through what the user did. parseState and toSearch are
// inverses; values equal to the defaults are left out of the URL.

export const ENTITY_KINDS = ["person", "organization", "country"];
export const NODE_KINDS = [...ENTITY_KINDS, "statement"];
export const REL_TYPES = ["STATED", "REPORTED_BY", "ABOUT", "AFFILIATED_WITH", "PART_OF", "BASED_IN"];
export const MAX_DEPTH = 3;
export const DEFAULT_PATH_DEPTH = 4;
export const MAX_PATH_DEPTH = 6;

// VIEW_KEYS are the URL parameters of the research views.
const VIEW_KEYS = ["outlet", "compare", "speaker", "topic", "about", "by", "claim", "disputed"];

const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

// validDate reports whether s is a date of the calendar written YYYY,
// YYYY-MM or YYYY-MM-DD (or empty): "2024-13" and "2024-02-30" are not.
export function validDate(s) {
  if (s === "") return true;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [, y, mo, d] = m;
  if (mo === undefined) return true;
  if (+mo < 1 || +mo > 12) return false;
  if (d === undefined) return true;
  // Day 0 of the next month is the last day of this one.
  return +d >= 1 && +d <= new Date(Date.UTC(+y, +mo, 0)).getUTCDate();
}

export function defaultState() {
  return {
    entity: "",
    depth: 1,
    view: "entities",
    kinds: [...NODE_KINDS],
    rels: [...REL_TYPES],
    from: "",
    to: "",
    expand: [],
    hide: [],
    pfrom: "",
    pto: "",
    pdepth: DEFAULT_PATH_DEPTH,
    list: false,
    sel: "",
    // The research views (views.js): an outlet (and one to compare), a
    // speaker (and a topic), an entity spoken about (and a speaker).
    outlet: "",
    compare: "",
    speaker: "",
    topic: "",
    about: "",
    by: "",
    claim: "",
    disputed: "",
  };
}

function list(v, allowed) {
  if (v === null) return null;
  const items = v.split(",").filter((x) => allowed === undefined || allowed.includes(x));
  return [...new Set(items)];
}

function int(v, lo, hi, dflt) {
  const n = Number.parseInt(v ?? "", 10);
  return Number.isFinite(n) && n >= lo && n <= hi ? n : dflt;
}

// parseState reads a location.search string; unknown or malformed values
// fall back to the defaults rather than failing the page.
export function parseState(search) {
  const q = new URLSearchParams(search);
  const s = defaultState();
  s.entity = q.get("entity") || "";
  s.depth = int(q.get("depth"), 1, MAX_DEPTH, s.depth);
  s.view = q.get("view") === "statements" ? "statements" : "entities";
  s.kinds = list(q.get("kinds"), NODE_KINDS) ?? s.kinds;
  s.rels = list(q.get("rels"), REL_TYPES) ?? s.rels;
  const from = q.get("from") || "";
  const to = q.get("to") || "";
  s.from = validDate(from) ? from : "";
  s.to = validDate(to) ? to : "";
  s.expand = list(q.get("expand")) ?? [];
  s.hide = list(q.get("hide")) ?? [];
  s.pfrom = q.get("pfrom") || "";
  s.pto = q.get("pto") || "";
  s.pdepth = int(q.get("pdepth"), 1, MAX_PATH_DEPTH, s.pdepth);
  s.list = q.get("list") === "1";
  s.sel = parseSel(q.get("sel") || "") ? q.get("sel") : "";
  for (const k of VIEW_KEYS) s[k] = q.get(k) || "";
  return s;
}

// parseSel reads the selection written as "node:ID" or "edge:ID" (the
// state's sel); it returns {type, id}, or null for "" or anything else.
export function parseSel(sel) {
  const m = /^(node|edge):(.+)$/.exec(sel);
  return m ? { type: m[1], id: m[2] } : null;
}

const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

// toSearch writes the state as a query string ("" for the default state).
export function toSearch(s) {
  const d = defaultState();
  const q = new URLSearchParams();
  if (s.entity) q.set("entity", s.entity);
  if (s.depth !== d.depth) q.set("depth", String(s.depth));
  if (s.view !== d.view) q.set("view", s.view);
  if (!sameSet(s.kinds, d.kinds)) q.set("kinds", s.kinds.join(","));
  if (!sameSet(s.rels, d.rels)) q.set("rels", s.rels.join(","));
  if (s.from) q.set("from", s.from);
  if (s.to) q.set("to", s.to);
  if (s.expand.length) q.set("expand", s.expand.join(","));
  if (s.hide.length) q.set("hide", s.hide.join(","));
  if (s.pfrom) q.set("pfrom", s.pfrom);
  if (s.pto) q.set("pto", s.pto);
  if (s.pdepth !== d.pdepth) q.set("pdepth", String(s.pdepth));
  if (s.list) q.set("list", "1");
  if (s.sel) q.set("sel", s.sel);
  for (const k of VIEW_KEYS) if (s[k]) q.set(k, s[k]);
  const str = q.toString().replaceAll("%3A", ":").replaceAll("%2C", ",");
  return str ? "?" + str : "";
}

// dataKey is the part of the state that decides which subgraphs are fetched:
// when it is unchanged, a state change (filters, hidden nodes, list, the
// selection) only redraws what is already loaded.
export function dataKey(s) {
  return JSON.stringify([s.entity, s.depth, s.view, s.from, s.to, s.expand, s.pfrom, s.pto, s.pdepth]);
}
