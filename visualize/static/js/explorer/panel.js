/* The details panel of the selected node: its data, its ties by kind, links and actions. */
import { getJSON } from "../api.js";
import { clear, el } from "../dom.js";
import { t } from "../i18n.js";
import { workbenchLinks } from "../workbench-links.js";
import { nodes, state } from "./state.js";
import { capital, gapName, propName, propValue, tieName, typeName } from "./style.js";

const PATH_START = "orglinks.pathStart";

export function pathStart() {
  try { return JSON.parse(sessionStorage.getItem(PATH_START) || "null"); } catch (e) { return null; }
}

function setPathStart(id, name) {
  try { sessionStorage.setItem(PATH_START, JSON.stringify({ id: id, name: name })); } catch (e) { /* off */ }
}

function link(href, key) {
  const item = el("li", {});
  item.appendChild(el("a", { href: href }, t(key)));
  return item;
}

/* The links of a node, by its type. Pages that other parts of the app serve plug in here. */
function linksOf(n, id) {
  const enc = encodeURIComponent(id);
  const out = [link("/view/entity/" + enc, "open_network")];
  if (n.type === "Area") {
    out.push(link("/view/area/" + enc, "open_area"));
    out.push(link("/api/gaps/units?area=" + enc + "&by=" + (state.gapKind || "any") + "&format=xlsx", "gaps"));
    out.push(link("/view/coverage?area=" + enc, "stats"));
    workbenchLinks(id, state.gapKind).forEach((w) => out.push(link(w.href, w.key)));
  }
  if (n.type === "Alliance") {
    out.push(link("/view/alliance/" + enc, "alliance_page"));
    out.push(link("/api/alliances/" + enc + "/members?format=xlsx", "roster_alliance"));
  }
  if (n.type === "PartyOrg") {
    out.push(link("/view/committee/" + enc, "committee_page"));
    out.push(link("/api/committees/" + enc + "/seats?format=xlsx", "roster_committee"));
  }
  if (n.type === "Unit" || n.type === "PartyOrg") {
    out.push(link("/view/entity/" + enc + "?depth=2&types=BELONGS_TO,PARTY_TO", "contracts"));
  }
  if (n.type === "Contract") { out.push(link("/view/contract/" + enc, "contract")); }
  const start = pathStart();
  if (start && start.id !== id) {
    out.push(link("/view/path?from=" + encodeURIComponent(start.id) + "&to=" + enc, "path_here"));
  }
  return out;
}

/* Draw the panel for node `id`; `actions` maps an action key to what it does with the id. */
export function showDetails(id, actions) {
  state.selected = id;
  const n = nodes.get(id);
  const body = document.getElementById("panel-body");
  clear(body);
  document.getElementById("panel-hint").hidden = true;
  if (!n) { return; }
  body.appendChild(el("h3", { id: "panel-name" }, n.name));
  const dl = el("dl", {});
  const row = (k, v) => { dl.appendChild(el("dt", {}, k)); dl.appendChild(el("dd", {}, v)); };
  row(t("type"), typeName(n.type));
  row(t("id"), id);
  if (n.count !== undefined && n.count !== null) { row(propName("units"), n.count); }
  Object.keys(n.props || {}).forEach((k) => row(propName(k), propValue(n.props[k])));
  if (n.gaps && n.gaps.length) { row(propName("gaps"), n.gaps.map(gapName).join(", ")); }
  body.appendChild(dl);
  const links = el("ul", { class: "links" });
  linksOf(n, id).forEach((item) => links.appendChild(item));
  body.appendChild(links);
  const bar = el("div", { class: "actions" });
  Object.keys(actions).forEach((key) => {
    const b = el("button", { type: "button", id: "btn-" + key }, t(key));
    b.addEventListener("click", () => actions[key](id));
    bar.appendChild(b);
  });
  const start = el("button", { type: "button", id: "btn-path_start" }, t("path_start"));
  start.addEventListener("click", () => { setPathStart(id, n.name); showDetails(id, actions); });
  bar.appendChild(start);
  body.appendChild(bar);
  const ties = el("dl", { id: "panel-ties" });
  body.appendChild(ties);
  getJSON("/api/entities/" + encodeURIComponent(id)).then((e) => {
    if (state.selected !== id || !e || !e.ties) { return; }
    Object.keys(e.ties).forEach((k) => {
      ties.appendChild(el("dt", {}, capital(tieName(k))));
      ties.appendChild(el("dd", {}, e.ties[k]));
    });
  }).catch(() => { /* the details stay as drawn */ });
}
