/* What the workbench pages share: their data island, both languages, the header, and a paged list that
   is read from the JSON API with the filter on screen, whose export links carry that same filter.
   Every text from the data goes into the page through textContent, never innerHTML. */

export const DATA = JSON.parse(document.getElementById("orglinks-data").textContent);
const I18N = DATA.i18n;
const langHooks = [];
let lang = readLang();

function readLang() {
  try { return localStorage.getItem("orglinks.lang") === "en" ? "en" : "zh"; } catch (e) { return "zh"; }
}
export function currentLang() { return lang; }
export function t(key) { return (I18N[lang] && I18N[lang][key]) || I18N.zh[key] || key; }
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, k) => (values[k] !== undefined ? String(values[k]) : m));
}
export function el(tag, attrs, text) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined && text !== null) { node.textContent = String(text); }
  return node;
}
export function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
export function status(text) { document.getElementById("status").textContent = text; }

export async function fetchJSON(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (r.status === 401) {  /* the session ended: log in again, then come back here */
    window.location.assign("/login?next=" + encodeURIComponent(window.location.pathname + window.location.search));
  }
  if (!r.ok) { throw new Error(r.status + " " + url); }
  return r.json();
}

/* ---------- language and header ---------- */
export function onLang(hook) { langHooks.push(hook); }
function applyLang() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = t(n.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((n) => {
    n.setAttribute("placeholder", t(n.dataset.i18nPlaceholder));
  });
  const title = fill(t(DATA.title_key), { area: DATA.area_name || t("all_areas") });
  document.getElementById("page-title").textContent = title;
  document.title = title + " · " + t("app");
  langHooks.forEach((hook) => hook());
}
function setupHeader() {
  const area = DATA.area && DATA.area.id;
  const q = area ? "?area=" + encodeURIComponent(area) : "";
  document.getElementById("nav-area").href = area ? "/view/area/" + encodeURIComponent(area) : "/";
  document.getElementById("nav-gaps").href = "/view/gaps" + q;
  document.getElementById("nav-area-gaps").href = "/view/area-gaps" + q;
  document.getElementById("nav-matches").href = "/view/matches" + q;
  const current = { gaps: "nav-gaps", area_gaps: "nav-area-gaps", matches: "nav-matches" }[DATA.page];
  if (current) { document.getElementById(current).setAttribute("aria-current", "page"); }
  const user = DATA.user;
  if (user) { document.getElementById("user-info").textContent = user.username; }
  document.getElementById("btn-lang").addEventListener("click", () => {
    lang = lang === "zh" ? "en" : "zh";
    try { localStorage.setItem("orglinks.lang", lang); } catch (e) { /* private mode */ }
    applyLang();
  });
  document.getElementById("btn-logout").addEventListener("click", () => {
    fetch("/api/auth/logout", { method: "POST", credentials: "same-origin" })
      .catch(() => { /* the cookie is dropped either way */ })
      .then(() => window.location.assign("/login"));
  });
}

/* ---------- options of a select: codes shown in the current language ---------- */
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
    document.getElementById("pg-info").textContent = fill(t("page_of"), { page, pages, total: last.total });
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
    status(t("loading"));
    try {
      const body = await fetchJSON(opts.api + "?" + params.toString());
      if (mine !== asked) { return; }
      last = body;
      draw();
      status("");
      document.body.dataset.state = "ready";
    } catch (err) {
      if (mine !== asked) { return; }
      status(t("error") + ": " + err.message);
      document.body.dataset.state = "error";
    }
    document.body.dataset.loads = String(++loads);
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
  setupHeader();
  const list = init();
  applyLang();
  list.load();
  return list;
}
