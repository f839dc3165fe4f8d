// Corrections from the page (POST/GET/DELETE /api/v1/corrections): on an
// entity, rename, merge into another (picked with the search box), change
// kind, "not an entity"; on a statement card, the right speaker, "not a
// statement", removing an about entity or an outlet; and the list of
// corrections with undo. Each is recorded by the server and applied to the
// whole graph at once; onChanged(correction, undone) then reloads the view.
import { messageFor, sendJSON } from "./api.js";
import { el } from "./dom.js";
import { createSearchBox } from "./search.js";
import { kindLabel } from "./theme.js";

const KINDS = ["person", "organization", "country"];

const DESCRIBE = {
  merge: (c) => `Merged ${c.before?.name ?? c.target} into ${c.after?.name ?? ""}`,
  rename: (c) => `Renamed ${c.before?.name ?? c.target} to ${c.after?.name ?? ""}`,
  retype: (c) => `${c.before?.name ?? c.target}: ${kindLabel(c.before?.kind)} → ${kindLabel(c.after?.kind)}`,
  hide: (c) => `${c.before?.name ?? c.target} is not an entity`,
  speaker: (c) => (c.after ? `Speaker ${c.before?.name ?? "none"} → ${c.after.name}` : `Speaker ${c.before?.name ?? ""} removed`),
  about: (c) => [c.before && `about ${c.before.name} removed`, c.after && `about ${c.after.name} added`].filter(Boolean).join(", "),
  outlet: (c) => [c.before && `outlet ${c.before.name} removed`, c.after && `outlet ${c.after.name} added`].filter(Boolean).join(", "),
  reject: () => "Not a statement",
};

// describe says what a correction did, in a line.
export function describe(c) {
  return (DESCRIBE[c.kind] || (() => c.kind))(c);
}

// createCuration returns the page's correction controls; onChanged(c,
// undone) is called after the server recorded (or undid) correction c.
export function createCuration({ onChanged }) {
  // correct sends a correction and says in status how it went.
  async function correct(body, status) {
    status.classList.remove("error");
    status.textContent = "Saving…";
    try {
      const c = await sendJSON("POST", "/corrections", body);
      status.textContent = `Saved: ${describe(c)}.`;
      onChanged(c, false);
    } catch (err) {
      status.classList.add("error");
      status.textContent = messageFor(err);
    }
  }

  const statusLine = () => el("p", { class: "correction-status", role: "status", dataset: { testid: "correction-status" } });

  // entityActions is the "Correct" box of an entity {id, kind, name}.
  function entityActions(e) {
    const status = statusLine();
    const name = el("input", { type: "text", value: e.name, "aria-label": `New name for ${e.name}`, dataset: { testid: "rename-input" } });
    const rename = el("form", { class: "row", onsubmit: (ev) => {
      ev.preventDefault();
      const v = name.value.trim();
      if (v && v !== e.name) correct({ kind: "rename", target: e.id, after: { name: v } }, status);
    } }, name, el("button", { type: "submit", dataset: { testid: "rename" } }, "Rename"));

    let into = null;
    const mergeButton = el("button", { type: "button", disabled: "", dataset: { testid: "merge" }, onclick: () => {
      if (into) correct({ kind: "merge", target: e.id, after: { id: into.id } }, status);
    } }, "Merge");
    const picker = el("div", { class: "merge-picker" });
    const box = createSearchBox(picker, {
      label: `Merge ${e.name} into`,
      placeholder: "Merge into…",
      testid: "merge-into",
      onPick: (x) => {
        into = x.id === e.id ? null : x;
        mergeButton.toggleAttribute("disabled", !into);
        mergeButton.textContent = into ? `Merge into ${x.name}` : "Merge";
      },
    });
    box.input.addEventListener("input", () => {
      into = null;
      mergeButton.setAttribute("disabled", "");
      mergeButton.textContent = "Merge";
    });

    const kind = el("select", { "aria-label": `Kind of ${e.name}`, dataset: { testid: "retype-kind" } },
      ...KINDS.map((k) => el("option", k === e.kind ? { value: k, selected: "" } : { value: k }, kindLabel(k))));
    const retype = el("button", { type: "button", dataset: { testid: "retype" }, onclick: () => {
      if (kind.value !== e.kind) correct({ kind: "retype", target: e.id, after: { kind: kind.value } }, status);
    } }, "Change kind");

    const hide = el("button", { type: "button", dataset: { testid: "not-an-entity" }, onclick: () => correct({ kind: "hide", target: e.id }, status) }, "Not an entity");

    return el("details", { class: "correct", dataset: { testid: "correct-entity" } },
      el("summary", {}, "Correct this entity"),
      rename,
      el("div", { class: "row" }, picker, mergeButton),
      el("div", { class: "row" }, kind, retype),
      el("div", { class: "row" }, hide),
      status);
  }

  // statementActions is the correction row of a statement card.
  function statementActions(st) {
    const status = statusLine();
    const picker = el("div", { class: "speaker-picker", hidden: "" });
    createSearchBox(picker, {
      label: "The right speaker",
      placeholder: "Right speaker…",
      testid: "speaker-pick",
      onPick: (x) => correct({ kind: "speaker", target: st.id, after: { id: x.id } }, status),
    });
    const remove = (role, refs) =>
      refs.map((r) => el("button", { type: "button", class: "linklike", dataset: { testid: `remove-${role}`, id: r.id },
        title: `${r.name} is not ${role === "about" ? "what this is about" : "an outlet of this"}`,
        onclick: () => correct({ kind: role, target: st.id, before: { id: r.id } }, status) }, `× ${r.name}`));
    return el("div", { class: "correct-statement" },
      el("div", { class: "row" },
        el("button", { type: "button", class: "linklike", dataset: { testid: "wrong-speaker" }, onclick: () => {
          picker.hidden = !picker.hidden;
          if (!picker.hidden) picker.querySelector("input").focus();
        } }, "Wrong speaker"),
        el("button", { type: "button", class: "linklike", dataset: { testid: "not-a-statement" }, onclick: () => correct({ kind: "reject", target: st.id }, status) }, "Not a statement"),
        ...remove("about", st.about || []),
        ...remove("outlet", st.reported_by || [])),
      picker,
      status);
  }

  // fillList shows the corrections, newest first, a page at a time, each
  // with its undo button, in root.
  async function fillList(root, token = "") {
    if (!token) root.replaceChildren(el("p", { class: "loading" }, "Loading corrections…"));
    try {
      const page = await sendJSON("GET", `/corrections?page_size=50${token ? `&page_token=${encodeURIComponent(token)}` : ""}`);
      root.querySelector(".loading")?.remove();
      root.querySelector(".more")?.remove();
      const list = root.querySelector("ol") || root.appendChild(el("ol", { class: "corrections", dataset: { testid: "corrections-list" } }));
      if (!token && page.corrections.length === 0) root.replaceChildren(el("p", { class: "muted", dataset: { testid: "corrections-empty" } }, "No corrections yet."));
      for (const c of page.corrections) {
        const status = statusLine();
        const undo = el("button", { type: "button", dataset: { testid: "undo", id: c.id }, onclick: async () => {
          undo.disabled = true;
          try {
            await sendJSON("DELETE", `/corrections/${encodeURIComponent(c.id)}`);
            item.remove();
            onChanged(c, true);
          } catch (err) {
            undo.disabled = false;
            status.classList.add("error");
            status.textContent = messageFor(err);
          }
        } }, "Undo");
        const item = el("li", { dataset: { testid: "correction", id: c.id, kind: c.kind } },
          el("span", {}, describe(c)), " ",
          el("span", { class: "muted" }, `${c.author} · ${c.time}${c.reason ? ` · ${c.reason}` : ""}`), " ",
          undo, status);
        list.append(item);
      }
      if (page.next_page_token) {
        root.append(el("button", { type: "button", class: "more", onclick: () => fillList(root, page.next_page_token) }, "Show more"));
      }
    } catch (err) {
      root.replaceChildren(el("p", { class: "error", role: "alert" }, messageFor(err)));
    }
  }

  return { entityActions, statementActions, fillList };
}
