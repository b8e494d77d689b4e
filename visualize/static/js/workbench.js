/* What the workbench pages share: their data island, the words of their data, the frame's header, and a
   paged list that is read from the JSON API with the filter on screen, whose export links carry that
   same filter. Every text from the data goes into the page through textContent, never innerHTML. */
import { getJSON } from "./api.js";
import { clear, el, pageData, setStatus } from "./dom.js";
import { startFrame } from "./frame.js";
import { fill, getLang, onLangChange, t as word } from "./i18n.js";

export { clear, el, fill };
export const DATA = pageData();

/* A word of the page: a word of its data (column, kind, category, reason; from the server, see
   visualize/workbench_words.py), else an interface word (i18n.json). */
export function t(key, values) {
  const words = DATA.words || {};
  const own = (words[getLang()] || {})[key] || (words.zh || {})[key];
  return own !== undefined ? (values ? fill(own, values) : own) : word(key, values);
}

export const onLang = onLangChange;

/* The navigation's workbench links keep the area on screen. */
function keepArea() {
  const area = DATA.area && DATA.area.id;
  if (!area) { return; }
  document.querySelectorAll("#nav a[href^='/view/']").forEach((a) => {
    a.href = a.getAttribute("href").split("?")[0] + "?area=" + encodeURIComponent(area);
  });
}

export function fillOptions(select, codes, labelKey, allLabel) {
  const chosen = select.value;
  clear(select);
  if (allLabel) { select.appendChild(el("option", { value: "" }, t(allLabel))); }
  codes.forEach((code) => select.appendChild(el("option", { value: code }, t(labelKey(code)))));
  select.value = chosen;
}

/* ---------- a paged list whose export links follow the filter on screen ---------- */
/* opts: api (path), fields (names of the form's inputs sent as they are), pageSize, columns (keys of
   header words), row(item) → <tr>, after(body) for extra drawing. */
export function listPage(opts) {
  const form = document.getElementById("wb-controls");
  const table = document.getElementById("wb-table");
  const fromUrl = new URLSearchParams(window.location.search);
  let page = Math.max(1, parseInt(fromUrl.get("page") || "1", 10) || 1);
  let last = null;
  let asked = 0;    // the latest request: an earlier answer that comes late is dropped
  let loads = 0;    // answers drawn, for whoever waits for the next one

  opts.fields.forEach((name) => {
    const input = form.elements[name];
    const value = fromUrl.get(name);
    if (!input || value === null) { return; }
    if (input.type === "checkbox") { input.checked = value === "true"; } else { input.value = value; }
  });
  form.elements.as_of.value = fromUrl.get("as_of") || DATA.today;

  function query() {
    const params = new URLSearchParams();
    if (DATA.area && DATA.area.id) { params.set("area", DATA.area.id); }
    opts.fields.concat(["as_of"]).forEach((name) => {
      const input = form.elements[name];
      if (input.type === "checkbox") { if (input.checked) { params.set(name, "true"); } return; }
      const value = input.value.trim();
      if (value !== "") { params.set(name, value); }
    });
    return params;
  }
  function head() {
    const row = el("tr", {});
    opts.columns.forEach((key) => row.appendChild(el("th", { scope: "col", "data-key": key }, t(key))));
    const thead = table.querySelector("thead");
    clear(thead);
    thead.appendChild(row);
  }
  function draw() {
    head();
    const tbody = table.querySelector("tbody");
    clear(tbody);
    if (!last) { return; }
    last.items.forEach((item) => tbody.appendChild(opts.row(item)));
    if (!last.items.length) {
      const row = el("tr", { "class": "empty" });
      row.appendChild(el("td", { colspan: String(opts.columns.length) }, t("no_rows")));
      tbody.appendChild(row);
    }
    const pages = Math.max(1, Math.ceil(last.total / opts.pageSize));
    document.getElementById("pg-info").textContent = t("page_of", { page, pages, total: last.total });
    document.getElementById("pg-prev").disabled = page <= 1;
    document.getElementById("pg-next").disabled = page >= pages;
    if (opts.after) { opts.after(last); }
  }
  async function load() {
    const params = query();
    const exportQuery = params.toString();
    document.getElementById("export-xlsx").href = opts.api + "?" + exportQuery + "&format=xlsx";
    document.getElementById("export-csv").href = opts.api + "?" + exportQuery + "&format=csv";
    const shown = new URLSearchParams(params);
    if (page > 1) { shown.set("page", String(page)); }
    window.history.replaceState(null, "", window.location.pathname + "?" + shown.toString());
    params.set("page", String(page));
    params.set("page_size", String(opts.pageSize));
    const mine = ++asked;
    document.body.dataset.state = "loading";
    setStatus(t("loading"));
    try {
      const body = await getJSON(opts.api + "?" + params.toString());
      if (mine !== asked) { return; }
      last = body;
      draw();
      setStatus("");
      document.body.dataset.state = "ready";
    } catch (err) {
      if (mine !== asked) { return; }
      setStatus(t("error") + ": " + err.message);
      document.body.dataset.state = "error";
    }
    document.body.dataset.loads = String(++loads);
    document.body.dataset.ready = "1";
  }
  form.addEventListener("submit", (ev) => { ev.preventDefault(); page = 1; load(); });
  form.addEventListener("change", (ev) => {
    if (ev.target.name !== "q") { page = 1; load(); }
  });
  document.getElementById("pg-prev").addEventListener("click", () => { page = Math.max(1, page - 1); load(); });
  document.getElementById("pg-next").addEventListener("click", () => { page += 1; load(); });
  onLang(draw);
  return { load, redraw: draw, setFilter(name, value) { form.elements[name].value = value; page = 1; load(); } };
}

export function start(init) {
  startFrame();
  keepArea();
  const list = init();
  list.load();
  return list;
}
