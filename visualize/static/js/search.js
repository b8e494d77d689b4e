/* The header's search box: /api/search as you type (Chinese, pinyin, initials); Enter opens the first hit. */
import { getJSON } from "./api.js";
import { clear, el, setStatus } from "./dom.js";
import { t } from "./i18n.js";

function items(body) {
  if (Array.isArray(body)) { return body; }
  return body.items || body.results || body.hits || [];
}

export function setupSearch() {
  const form = document.getElementById("search-form");
  if (!form) { return; }
  const input = document.getElementById("search-input");
  const list = document.getElementById("search-results");
  let timer = null;
  let shown = null; // the query whose results the list shows
  async function run() {
    const q = input.value.trim();
    if (!q) { list.hidden = true; shown = null; return; }
    let body;
    try {
      body = await getJSON("/api/search?q=" + encodeURIComponent(q) + "&limit=10");
    } catch (err) {
      setStatus(t("error") + ": " + err.message);
      return;
    }
    if (input.value.trim() !== q) { return; } // a later keystroke wins
    shown = q;
    clear(list);
    const hits = items(body);
    if (!hits.length) { list.appendChild(el("li", { class: "empty" }, t("no_results"))); }
    hits.forEach((item) => {
      const li = el("li", { "data-id": item.id });
      li.appendChild(el("a", { href: "/view/entity/" + encodeURIComponent(item.id) }, item.name || item.label || item.id));
      const where = (item.area_path || []).map((a) => a.name).join(" / ");
      li.appendChild(el("span", { class: "kind" }, t("type_" + item.type) + (where ? " · " + where : "")));
      list.appendChild(li);
    });
    list.hidden = false;
  }
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 200); });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    clearTimeout(timer);
    const first = list.querySelector("a");
    if (!list.hidden && first && shown === input.value.trim()) { window.location.href = first.href; } else { run(); }
  });
}
