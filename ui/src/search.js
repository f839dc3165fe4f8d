// An entity search box with suggestions as you type: an ARIA combobox
// (arrow keys move, Enter picks, Escape closes), debounced, with the
// previous request cancelled when the user types on.
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
      listEl.children[i]?.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const showMessage = (text, testidSuffix) => {
    items = [];
    listEl.replaceChildren();
    const li = document.createElement("li");
    li.className = "message";
    li.dataset.testid = `${testid}-${testidSuffix}`;
    li.textContent = text;
    listEl.append(li);
    listEl.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };

  const render = (entities, q) => {
    if (entities.length === 0) return showMessage(`No match for “${q}”.`, "empty");
    items = entities;
    listEl.replaceChildren(
      ...entities.map((e, i) => {
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
      if (input.value.trim() === q) render(page.entities || [], q);
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
        // Enter before the debounce fired: search now, then take the first.
        clearTimeout(timer);
        query().then(() => items.length && pick(0));
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
