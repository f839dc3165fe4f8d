// Evidence: a statement shown as its sentence with the speaker, the entities
// it is about and the outlets that carried it marked, under its document's
// title, date and source, with a way to read the whole document.
import { messageFor } from "./api.js";
import { el } from "./dom.js";
import { kindLabel } from "./theme.js";

const ROLES = ["speaker", "about", "outlet"];

// termsFor returns the words that name an entity in running text: its name,
// its aliases, and a person's surname ("Budanov" for "Kyrylo Budanov"),
// since news text names people by surname after the first mention.
export function termsFor(ref, entity) {
  const terms = new Set([ref.name, ...(entity?.aliases || [])]);
  if (ref.kind === "person") {
    const parts = ref.name.split(/\s+/);
    const last = parts[parts.length - 1];
    if (parts.length > 1 && last.length >= 4) terms.add(last);
  }
  return [...terms].filter((t) => t && t.trim().length >= 2);
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// findMarks returns non-overlapping [start, end, role] spans (UTF-16
// offsets) of terms in text, case-insensitive and on word starts; a long
// term also takes the rest of its word ("russian" for "russia"). Earlier
// and longer matches win, and the speaker wins over about over outlet.
export function findMarks(text, termsByRole) {
  const found = [];
  ROLES.forEach((role, rank) => {
    for (const term of termsByRole[role] || []) {
      const tail = term.length >= 4 ? "[\\p{L}]*" : "";
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(term)}${tail}(?![\\p{L}\\p{N}])`, "giu");
      for (const m of text.matchAll(re)) found.push([m.index, m.index + m[0].length, role, rank]);
    }
  });
  found.sort((a, b) => a[0] - b[0] || b[1] - b[0] - (a[1] - a[0]) || a[3] - b[3]);
  const out = [];
  let end = -1;
  for (const f of found) {
    if (f[0] < end) continue;
    out.push(f.slice(0, 3));
    end = f[1];
  }
  return out;
}

// markedText returns a fragment of text with the spans wrapped in <mark>.
export function markedText(text, marks) {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [s, e, role] of marks) {
    if (s > at) frag.append(text.slice(at, s));
    const m = document.createElement("mark");
    m.className = `hl-${role}`;
    m.dataset.role = role;
    m.textContent = text.slice(s, e);
    frag.append(m);
    at = e;
  }
  frag.append(text.slice(at));
  return frag;
}

function refLink(ref, role, onEntity) {
  return el(
    "button",
    { class: `ref hl-${role}`, type: "button", title: `${kindLabel(ref.kind)}: open ${ref.name}`, onclick: () => onEntity(ref.id) },
    ref.name,
  );
}

function joinRefs(refs, role, onEntity) {
  const out = [];
  refs.forEach((r, i) => {
    if (i) out.push(", ");
    out.push(refLink(r, role, onEntity));
  });
  return out;
}

// statementCard renders one statement. entityOf(id) returns a promise of the
// full entity (for aliases); onEntity(id) opens an entity; onDocument(st)
// opens the statement's document; correct(st), when given, returns the
// card's correction controls.
export async function statementCard(st, { entityOf, onEntity, onDocument, correct }) {
  const refs = { speaker: [st.speaker].filter((r) => r?.id), about: st.about || [], outlet: st.reported_by || [] };
  const termsByRole = {};
  for (const role of ROLES) {
    const ents = await Promise.all(refs[role].map((r) => entityOf(r.id).catch(() => null)));
    termsByRole[role] = refs[role].flatMap((r, i) => termsFor(r, ents[i]));
  }
  const sentence = el("blockquote", { class: "sentence", dataset: { testid: "evidence-sentence" } }, markedText(st.text, findMarks(st.text, termsByRole)));
  const who = el(
    "p",
    { class: "who" },
    "Speaker ",
    ...(refs.speaker.length ? joinRefs(refs.speaker, "speaker", onEntity) : ["unknown"]),
    ...(refs.about.length ? [" · about ", ...joinRefs(refs.about, "about", onEntity)] : []),
    ...(refs.outlet.length ? [" · reported by ", ...joinRefs(refs.outlet, "outlet", onEntity)] : []),
  );
  const d = st.document || { id: st.document_id };
  const docLine = el(
    "p",
    { class: "doc", dataset: { testid: "evidence-document" } },
    el("span", { class: "doc-title" }, d.title || d.id || "Untitled document"),
    d.date || st.date ? ` · ${d.date || st.date}` : "",
    d.source ? ` · ${d.source}` : "",
    " · ",
    el("button", { type: "button", class: "linklike", dataset: { testid: "open-document" }, onclick: () => onDocument(st) }, "Read the whole document"),
  );
  // A claim reported more than once links to all its reports.
  const claim =
    st.reports > 1
      ? el("p", { class: "claim-line" }, el("a", { href: `/?claim=${encodeURIComponent(st.claim)}`, dataset: { testid: "claim-link" } }, `One of ${st.reports} reports of this claim`))
      : null;
  return el("article", { class: "statement", dataset: { testid: "statement-card", id: st.id } }, sentence, who, docLine, claim, correct ? correct(st) : null);
}

// byteSpanToString converts byte offsets in the UTF-8 encoding of text
// (how the API reports spans) to UTF-16 string offsets.
export function byteSpanToString(text, start, end) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const s = dec.decode(bytes.subarray(0, Math.max(0, start))).length;
  const e = dec.decode(bytes.subarray(0, Math.max(start, end))).length;
  return [s, e];
}

// showDocument fills the dialog with a document's text, marks the
// statement's span and scrolls to it.
export async function showDocument(dialog, client, st) {
  const body = dialog.querySelector("[data-testid=document-body]");
  const title = dialog.querySelector("[data-testid=document-title]");
  title.textContent = st.document?.title || "Document";
  body.replaceChildren(el("p", { class: "loading" }, "Loading the document…"));
  if (!dialog.open) dialog.showModal();
  try {
    const doc = await client.get(`/documents/${encodeURIComponent(st.document_id || st.document?.id)}`);
    title.textContent = doc.title || doc.id;
    const meta = el("p", { class: "doc-meta" }, [doc.date, doc.source].filter(Boolean).join(" · "));
    if (doc.url) meta.append(doc.date || doc.source ? " · " : "", el("a", { href: doc.url, target: "_blank", rel: "noopener noreferrer" }, "original"));
    const text = doc.text || "";
    const [s, e] = byteSpanToString(text, st.start, st.end);
    const pre = el("div", { class: "doctext", dataset: { testid: "document-text" } });
    if (e > s && e <= text.length) {
      pre.append(text.slice(0, s), el("mark", { class: "hl-span" }, text.slice(s, e)), text.slice(e));
    } else {
      pre.append(text);
    }
    body.replaceChildren(meta, pre);
    pre.querySelector("mark")?.scrollIntoView({ block: "center" });
  } catch (err) {
    body.replaceChildren(el("p", { class: "error", role: "alert" }, messageFor(err)));
  }
}
