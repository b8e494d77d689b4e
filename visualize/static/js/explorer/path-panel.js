/* The path page's panel: the ranked paths told in words (with links to their contracts, alliances and
   committees), and the controls of the question (tie kinds, how many, as of, ended ties, geography).
   Reads the page's JSON island; every text goes in through textContent. */

const KINDS = ["contract", "committee", "alliance", "project", "hierarchy"];
const INACTIVE_STYLE = { dashes: [4, 4], color: { color: "#9aa0a6" } };

import { getLang } from "../i18n.js";
import { edgeId } from "./style.js";
import { DATA, edges, nodes, state } from "./state.js";

const context = DATA.context || {};
const answer = context.path_answer;
const WORDS = context.path_words || {};

function lang() { return getLang() === "en" ? "en" : "zh"; }
function word(key) { const l = lang(); return (WORDS[l] && WORDS[l][key]) || (WORDS.zh && WORDS.zh[key]) || key; }
function el(tag, attrs, text) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined && text !== null) { node.textContent = String(text); }
  return node;
}

function controls() {
  const form = el("form", { id: "path-controls" });
  form.appendChild(el("h3", {}, word("paths_controls")));
  const kinds = el("fieldset", { id: "path-kinds" });
  kinds.appendChild(el("legend", {}, word("paths_kinds")));
  KINDS.forEach((k) => {
    const label = el("label", {});
    const box = el("input", { type: "checkbox", name: "kind", value: k });
    box.checked = answer.kinds.indexOf(k) >= 0;
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + word("kind_" + k)));
    kinds.appendChild(label);
  });
  form.appendChild(kinds);
  const geo = el("label", { "class": "path-option" });
  const geoBox = el("input", { type: "checkbox", id: "path-geography" });
  geoBox.checked = answer.via === "all" || answer.kinds.indexOf("geography") >= 0;
  geo.appendChild(geoBox);
  geo.appendChild(document.createTextNode(" " + word("paths_geography")));
  form.appendChild(geo);
  const ended = el("label", { "class": "path-option" });
  const endedBox = el("input", { type: "checkbox", id: "path-inactive" });
  endedBox.checked = answer.inactive;
  ended.appendChild(endedBox);
  ended.appendChild(document.createTextNode(" " + word("paths_inactive")));
  form.appendChild(ended);
  const k = el("label", { "class": "path-option" }, word("paths_k") + " ");
  const select = el("select", { id: "path-k" });
  for (let i = 1; i <= 10; i += 1) {
    const opt = el("option", { value: String(i) }, String(i));
    select.appendChild(opt);
  }
  select.value = String(currentK());
  k.appendChild(select);
  form.appendChild(k);
  const asOf = el("label", { "class": "path-option" }, word("paths_as_of") + " ");
  const date = el("input", { type: "date", id: "path-as-of", value: answer.as_of });
  asOf.appendChild(date);
  form.appendChild(asOf);
  form.appendChild(el("button", { type: "submit", id: "path-submit" }, word("paths_submit")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const chosen = Array.from(kinds.querySelectorAll("input:checked")).map((b) => b.value);
    const query = new URLSearchParams({ from: answer.source, to: answer.target });
    query.set("kinds", chosen.join(","));
    query.set("via", geoBox.checked ? "all" : "org");
    query.set("inactive", endedBox.checked ? "true" : "false");
    query.set("k", select.value);
    if (date.value) { query.set("as_of", date.value); }
    window.location.assign("/view/path?" + query.toString());
  });
  return form;
}

function currentK() {
  const k = Number(new URLSearchParams(window.location.search).get("k"));
  return k >= 1 && k <= 10 ? k : 3;
}

function pathItem(path) {
  const item = el("li", { "class": "path tier-" + path.tier, "data-rank": String(path.rank),
                          "data-tier": path.tier, "data-kinds": path.kinds.join(",") });
  item.appendChild(el("span", { "class": "path-tier" }, word("tier_" + path.tier)));
  item.appendChild(el("p", { "class": "path-sentence" }, path.sentence[lang()] || path.sentence.zh));
  if (path.links.length) {
    const links = el("p", { "class": "path-links" }, word("paths_links"));
    path.links.forEach((link) => {
      links.appendChild(el("a", { href: link.href, "class": "path-link", "data-kind": link.kind },
                           word("link_" + link.kind) + " " + link.name));
    });
    item.appendChild(links);
  }
  item.addEventListener("click", (ev) => {
    if (ev.target.tagName === "A") { return; }
    if (state.network) { state.network.selectNodes(path.nodes.map((n) => n.id).filter((id) => nodes.get(id))); }
  });
  return item;
}

function render() {
  const box = document.getElementById("path-box");
  while (box.firstChild) { box.removeChild(box.firstChild); }
  box.appendChild(el("h2", {}, word("paths_heading")));
  if (answer.paths.length) {
    const list = el("ol", { id: "path-list" });
    answer.paths.forEach((p) => list.appendChild(pathItem(p)));
    box.appendChild(list);
  } else {
    box.appendChild(el("p", { id: "path-empty" }, word("paths_none")));
  }
  box.appendChild(controls());
  box.hidden = false;
}

/* Expired contracts and ended seats are drawn dashed and grey, as the sentences say. */
function markInactive() {
  const ended = {};
  answer.paths.forEach((p) => p.nodes.forEach((n) => {
    if (n.type === "Contract" && n.properties.in_force === false) { ended[n.id] = true; }
  }));
  const updates = [];
  answer.paths.forEach((p) => p.edges.forEach((e) => {
    if (ended[e.source] || ended[e.target] || e.properties.in_term === false) {
      updates.push(Object.assign({ id: edgeId(e.source, e.target, e.type) }, INACTIVE_STYLE));
    }
  }));
  edges.update(updates.filter((u) => edges.get(u.id)));
}

/* Started by main.js on the path page, once the network is drawn; re-rendered on a language change. */
export function startPathPanel() {
  if (!answer) { return; }
  render();
  markInactive();
}

export function rewordPathPanel() {
  if (answer) { render(); }
}
