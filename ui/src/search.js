// An entity search box with suggestions as you type: an ARIA combobox
// (arrow keys move, Enter picks, Escape closes), debounced, with the
// previous request cancelled when the user types on. When nothing matches,
// the server's near spellings ("did you mean") are offered as options the
// same way, under a line that says there was no match.
import { getJSON, messageFor, url } from "./api.js";
import { kindLabel } from "./theme.js";

const DEBOUNCE_MS = 150;
const SUGGESTIONS = 8;

let nextId = 0;

// createSearchBox fills root with a labelled input and its suggestion list;
// onPick(entity) is called with the chosen {id, kind, name}. It returns
// {input, setValue(text)}.
export function createSearchBox(root, { label, placeholder, testid, onPick }) {
  const uid = `sb${nextId++}`;
  root.classList.add("searchbox");
  root.innerHTML = `
    <label class="visually-hidden" for="${uid}-input"></label>
    <input id="${uid}-input" type="search" autocomplete="off" spellcheck="false"
      role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="${uid}-list"
      data-testid="${testid}-input">
    <ul id="${uid}-list" role="listbox" class="suggestions" hidden data-testid="${testid}-suggestions"></ul>`;
  const input = root.querySelector("input");
  const listEl = root.querySelector("ul");
  root.querySelector("label").textContent = label;
  input.placeholder = placeholder;

  let items = [];
  // Whether items are near spellings of what was typed, not matches.
  let suggested = false;
  let active = -1;
  let timer = null;
  let controller = null;

  const close = () => {
    listEl.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const setActive = (i) => {
    active = i;
    listEl.querySelectorAll("[role=option]").forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
    if (i >= 0) {
      input.setAttribute("aria-activedescendant", `${uid}-opt${i}`);
      document.getElementById(`${uid}-opt${i}`)?.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const message = (text, testidSuffix) => {
    const li = document.createElement("li");
    li.className = "message";
    li.setAttribute("role", "presentation");
    li.dataset.testid = `${testid}-${testidSuffix}`;
    li.textContent = text;
    return li;
  };

  const showMessage = (text, testidSuffix) => {
    items = [];
    suggested = false;
    listEl.replaceChildren(message(text, testidSuffix));
    listEl.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };

  // render lists the entities found for q or, when there are none, the
  // near spellings the server suggested, under a line saying so.
  const render = (page, q) => {
    const found = page.entities || [];
    suggested = found.length === 0;
    items = suggested ? page.suggestions || [] : found;
    if (items.length === 0) return showMessage(`No match for “${q}”.`, "empty");
    listEl.replaceChildren(
      ...(suggested ? [message(`No match for “${q}”. Did you mean:`, "did-you-mean")] : []),
      ...items.map((e, i) => {
        const li = document.createElement("li");
        li.id = `${uid}-opt${i}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.testid = `${testid}-option`;
        li.dataset.id = e.id;
        const name = document.createElement("span");
        name.className = "name";
        name.textContent = e.name;
        const kind = document.createElement("span");
        kind.className = `kind kind-${e.kind}`;
        kind.textContent = kindLabel(e.kind);
        li.append(name, kind);
        if (e.mentions) {
          const m = document.createElement("span");
          m.className = "mentions";
          m.textContent = `${e.mentions}×`;
          m.title = `${e.mentions} mentions`;
          li.append(m);
        }
        // mousedown, not click: it fires before the input's blur closes
        // the list.
        li.addEventListener("mousedown", (ev) => {
          ev.preventDefault();
          pick(i);
        });
        return li;
      }),
    );
    listEl.hidden = false;
    input.setAttribute("aria-expanded", "true");
    setActive(0);
  };

  const pick = (i) => {
    const e = items[i];
    if (!e) return;
    input.value = e.name;
    close();
    onPick(e);
  };

  const query = async () => {
    const q = input.value.trim();
    controller?.abort();
    if (!q) return close();
    controller = new AbortController();
    try {
      const page = await getJSON(url("/entities", { q, page_size: SUGGESTIONS }), { signal: controller.signal });
      if (input.value.trim() === q) render(page, q);
    } catch (err) {
      if (err.name !== "AbortError") showMessage(messageFor(err), "error");
    }
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(query, DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (ev) => {
    const open = !listEl.hidden && items.length > 0;
    if (ev.key === "ArrowDown") {
      ev.preventDefault();
      if (!open) return void query();
      setActive((active + 1) % items.length);
    } else if (ev.key === "ArrowUp") {
      ev.preventDefault();
      if (open) setActive((active - 1 + items.length) % items.length);
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      if (open) pick(Math.max(active, 0));
      else {
        // Enter before the debounce fired: search now, then take the first
        // match. A near spelling is only offered: the user has not seen it
        // yet, so a second Enter takes it.
        clearTimeout(timer);
        query().then(() => items.length && !suggested && pick(0));
      }
    } else if (ev.key === "Escape") {
      if (!listEl.hidden) {
        ev.preventDefault();
        close();
      }
    }
  });
  input.addEventListener("blur", close);

  return {
    input,
    setValue(text) {
      input.value = text;
    },
  };
}
