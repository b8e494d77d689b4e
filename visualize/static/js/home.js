/* The explorer home: the areas to start from, and the progress of the user's area by child area,
   fetched with one /api/stats call after the page is drawn. */
import { getJSON } from "./api.js";
import { clear, el, pageData } from "./dom.js";
import { startFrame } from "./frame.js";
import { onLangChange, t, word } from "./i18n.js";
import { workbenchLinks } from "./workbench-links.js";

const SHARE_KINDS = ["contract", "alliance", "committee", "any"];
const PROGRESS_COUNTS = [["units", "progress_units"], ["alliances", "progress_alliances"],
  ["big_committees", "progress_big_committees"], ["current_seats", "progress_seats"],
  ["active_contracts", "progress_contracts"], ["joint_meeting_streets", "progress_joint_streets"],
  ["joint_meeting_communities", "progress_joint_communities"], ["branches", "progress_branches"],
  ["party_members", "progress_party_members"]];
let progress = { state: "loading", stats: null }; // redrawn from here when the language changes
let warnings = { state: "loading", answer: null };

/* 25%, 33.3%, and two decimals below 1% (the API's own precision), so 1 unit in 2,104 is not 0%. */
function percent(share) {
  const p = share * 100;
  return Number(p.toFixed(p >= 1 ? 1 : 2)) + "%";
}

function renderStartAreas(box, areas) {
  clear(box);
  if (!areas.length) { box.hidden = true; return; }
  box.appendChild(el("h2", { "data-i18n": "start_areas" }, t("start_areas")));
  const list = el("ul", {});
  areas.forEach((a) => {
    const item = el("li", {});
    item.appendChild(el("a", { href: "/view/area/" + encodeURIComponent(a.id), "data-id": a.id }, a.name));
    item.appendChild(el("span", { class: "kind" }, " " + word(a.level || "")));
    list.appendChild(item);
  });
  box.appendChild(list);
}

function shareBars(counts) {
  const box = el("div", { class: "shares" });
  SHARE_KINDS.forEach((k) => {
    const share = counts.shares[k];
    const item = el("div", { class: "share share-" + k, "data-kind": k, "data-share": String(share),
                             title: t("share_" + k) + ": " + counts["linked_by_" + k] + " / " + counts.units });
    item.appendChild(el("span", { class: "share-label" }, t("share_" + k)));
    const bar = el("span", { class: "bar" });
    const filled = el("span", { class: "fill" });
    filled.style.width = Math.max(0, Math.min(100, share * 100)) + "%";
    bar.appendChild(filled);
    item.appendChild(bar);
    item.appendChild(el("span", { class: "share-value" }, percent(share)));
    box.appendChild(item);
  });
  return box;
}

function progressRow(area, counts, name, asOf) {
  const row = el("tr", { "data-id": area.id || "" });
  const head = el("th", { scope: "row" });
  head.appendChild(area.id ? el("a", { href: "/view/area/" + encodeURIComponent(area.id) }, name)
    : document.createTextNode(name));
  row.appendChild(head);
  PROGRESS_COUNTS.forEach((c) => row.appendChild(el("td", { "data-key": c[0] }, counts[c[0]])));
  const shares = el("td", { class: "shares-cell" });
  shares.appendChild(shareBars(counts));
  row.appendChild(shares);
  const links = el("td", { class: "progress-links" });
  if (area.id) {
    const enc = encodeURIComponent(area.id);
    links.appendChild(el("a", { href: "/view/area/" + enc, class: "view" }, t("progress_view")));
    links.appendChild(el("a", { href: "/api/gaps/units?area=" + enc + "&by=any&as_of=" + asOf + "&format=xlsx",
                                class: "gaps" }, t("progress_gaps")));
    workbenchLinks(area.id, "any").forEach((w) => links.appendChild(el("a", { href: w.href, class: w.key }, t(w.key))));
  }
  row.appendChild(links);
  return row;
}

function renderProgress(section) {
  clear(section);
  section.dataset.state = progress.state;
  section.appendChild(el("h2", {}, t("progress")));
  if (progress.state !== "ready") {
    section.appendChild(el("p", { class: "progress-note" },
      t(progress.state === "error" ? "progress_error" : "progress_loading")));
    return;
  }
  const stats = progress.stats;
  const areaName = stats.area.id ? stats.area.name : t("user_area_all");
  section.appendChild(el("p", { class: "progress-of" }, t("progress_of", { area: areaName, as_of: stats.as_of })));
  const table = el("table", {});
  const headRow = el("tr", {});
  headRow.appendChild(el("th", { scope: "col" }, t("progress_area")));
  PROGRESS_COUNTS.forEach((c) => headRow.appendChild(el("th", { scope: "col" }, t(c[1]))));
  headRow.appendChild(el("th", { scope: "col" }, t("progress_shares")));
  headRow.appendChild(el("th", { scope: "col" }, t("progress_links")));
  const thead = el("thead", {});
  thead.appendChild(headRow);
  table.appendChild(thead);
  const body = el("tbody", {});
  stats.children.forEach((c) => body.appendChild(progressRow(c.area, c, c.area.name, stats.as_of)));
  table.appendChild(body);
  const foot = el("tfoot", {});
  const total = progressRow(stats.area, stats.total, areaName + " · " + t("progress_total"), stats.as_of);
  total.classList.add("total");
  foot.appendChild(total);
  table.appendChild(foot);
  section.appendChild(table);
  if (!stats.children.length) { section.appendChild(el("p", { class: "progress-note" }, t("progress_none"))); }
  const query = (stats.area.id ? "area=" + encodeURIComponent(stats.area.id) + "&" : "") + "as_of=" + stats.as_of;
  section.appendChild(el("a", { href: "/api/stats?" + query + "&format=xlsx", id: "progress-export" },
    t("progress_export")));
}

async function loadProgress(section) {
  renderProgress(section);
  try {
    progress = { state: "ready", stats: await getJSON("/api/stats") };
  } catch (err) {
    progress = { state: "error", stats: null };
  }
  renderProgress(section);
}

/* The warning rules' counts for the user's area (one /api/warnings call without items), each a card
   linking to the warnings page on that rule. */
function renderWarnings(section) {
  clear(section);
  section.dataset.state = warnings.state;
  section.appendChild(el("h2", {}, t("home_warnings")));
  if (warnings.state !== "ready") {
    section.appendChild(el("p", { class: "progress-note" },
      t(warnings.state === "error" ? "home_warnings_error" : "home_warnings_loading")));
    return;
  }
  const answer = warnings.answer;
  const areaName = answer.area ? answer.area.name || answer.area.id : t("user_area_all");
  section.appendChild(el("p", { class: "progress-of" }, t("home_warnings_of", { area: areaName, as_of: answer.as_of })));
  const list = el("ul", { class: "home-warning-cards" });
  const area = answer.area ? "area=" + encodeURIComponent(answer.area.id) + "&" : "";
  answer.rules.forEach((r) => {
    const item = el("li", { class: "level-" + r.level, "data-rule": r.rule, "data-level": r.level, "data-count": String(r.count) });
    const link = el("a", { href: "/view/warnings?" + area + "as_of=" + answer.as_of + "&rule=" + r.rule,
                           title: t("warn_rule_" + r.rule) + " · " + t("warn_level_" + r.level) });
    link.appendChild(el("span", { class: "dot" }));
    link.appendChild(el("span", { class: "count" }, String(r.count)));
    link.appendChild(el("span", { class: "name" }, t("warn_rule_" + r.rule)));
    item.appendChild(link);
    list.appendChild(item);
  });
  section.appendChild(list);
}

async function loadWarnings(section) {
  renderWarnings(section);
  try {
    warnings = { state: "ready", answer: await getJSON("/api/warnings?items=false") };
  } catch (err) {
    warnings = { state: "error", answer: null };
  }
  renderWarnings(section);
}

function start() {
  startFrame();
  const context = pageData().context || {};
  const home = document.getElementById("home");
  const areas = el("div", { id: "start-areas" });
  home.appendChild(areas);
  renderStartAreas(areas, context.start_areas || []);
  const alerts = el("section", { id: "home-warnings", "data-state": "loading", "aria-live": "polite" });
  home.appendChild(alerts);
  const section = el("section", { id: "progress", "data-state": "loading", "aria-live": "polite" });
  home.appendChild(section);
  onLangChange(() => {
    renderStartAreas(areas, context.start_areas || []);
    renderWarnings(alerts);
    renderProgress(section);
  });
  document.body.dataset.ready = "1";
  document.getElementById("search-input").focus();
  loadWarnings(alerts);
  loadProgress(section);
}

start();
