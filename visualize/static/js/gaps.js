/* The gaps page: units lacking links in an area, beside the area's network (drawn by the explorer's
   network module, in the explorer's colours); a click on a row finds the unit in the network and
   highlights it, and a click on a listed unit in the network picks its row. */
import { DATA, t, el, fillOptions, listPage, onLang, start } from "./workbench.js";
import { drawNetwork, fitView } from "./explorer/network.js";
import { LEGEND, nodes } from "./explorer/state.js";
import { nodeStyle, reword } from "./explorer/style.js";

const COLUMNS = ["col_units_id", "col_units_name", "col_units_kind_label", "col_units_street",
                 "col_units_community", "col_units_links_label", "col_units_partners_label"];
const FOCUS = "#d9480f";
let network = null;
let focused = null;
let listed = new Set();

function note(key) {
  const box = document.getElementById("network-note");
  box.dataset.i18n = key;
  box.textContent = t(key);
}

function showNetwork() {
  const box = DATA.network;
  note(!box ? "network_none" : box.folded ? "network_folded" : "network_hint");
  if (!box || !box.view) { document.body.dataset.networkReady = "none"; return; }
  const view = box.view;
  network = drawNetwork(document.getElementById("network"), view);
  const ready = () => { document.body.dataset.networkReady = "1"; };
  if (view.physics && nodes.length) {
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: false } });
      fitView(network);
      ready();
    });
  } else {
    network.once("afterDrawing", ready);
    fitView(network);
  }
  network.on("click", (p) => {
    const id = p.nodes.length ? String(p.nodes[0]) : null;
    if (id && listed.has(id)) { focusUnit(id); }
  });
}

/* A unit's look: the explorer's colour; a listed unit ringed in the gap colour, the focused one larger. */
function look(n) {
  const color = nodeStyle(n.type).color;
  if (n.id === focused) { return { id: n.id, size: 24, borderWidth: 6, color: { background: color, border: FOCUS } }; }
  if (listed.has(n.id)) { return { id: n.id, size: 14, borderWidth: 4, color: { background: color, border: LEGEND.gap_color } }; }
  return { id: n.id, size: 14, borderWidth: 1, color: color };
}

function restyle() {
  if (network) { nodes.update(nodes.get({ filter: (n) => n.type === "Unit" }).map(look)); }
}

function focusUnit(id) {
  document.querySelectorAll("#wb-table tr.focused").forEach((r) => r.classList.remove("focused"));
  const row = document.querySelector('#wb-table tr[data-id="' + CSS.escape(id) + '"]');
  if (row) { row.classList.add("focused"); }
  if (!network || !nodes.get(id)) {
    if (network) { note("not_in_network"); }
    document.body.dataset.focused = "";
    return;
  }
  focused = id;
  restyle();
  network.selectNodes([id]);
  network.focus(id, { scale: 1.4, animation: false });
  note("network_hint");
  document.body.dataset.focused = id;
}

function cell(row, text, cls) { row.appendChild(el("td", cls ? { "class": cls } : {}, text)); }

function unitRow(item) {
  const row = el("tr", { "data-id": item.id, tabindex: "0" });
  cell(row, item.id, "id");
  const name = el("td", { "class": "name" });
  name.appendChild(el("button", { type: "button", "class": "linklike" }, item.name || item.id));
  row.appendChild(name);
  cell(row, item.kind ? t("kind_" + item.kind) : "");
  cell(row, item.street || "");
  cell(row, item.community || "");
  cell(row, item.links.length ? item.links.map((k) => t("link_" + k)).join("、") : t("links_none"), "links");
  const partners = el("td", { "class": "partners" });
  item.suggested_partners.forEach((p) => {
    const a = el("a", { href: "/view/path?from=" + encodeURIComponent(item.id) + "&to=" + encodeURIComponent(p.id) },
                 p.name || p.id);
    const line = el("div", {});
    line.appendChild(a);
    line.appendChild(el("span", { "class": "muted" }, " · " + (p.need_title || "")));
    partners.appendChild(line);
  });
  row.appendChild(partners);
  row.addEventListener("click", (ev) => {
    if (ev.target.tagName !== "A") { focusUnit(item.id); }
  });
  row.addEventListener("keydown", (ev) => { if (ev.key === "Enter") { focusUnit(item.id); } });
  return row;
}

function markListed(body) {
  listed = new Set(body.items.map((i) => i.id));
  if (focused && !listed.has(focused)) { focused = null; }
  restyle();
}

start(() => {
  const kinds = document.getElementById("f-kind");
  const labelKinds = () => fillOptions(kinds, DATA.unit_kinds, (k) => "kind_" + k, "all");
  labelKinds();
  onLang(labelKinds);
  showNetwork();
  onLang(() => {
    const box = document.getElementById("network-note");
    if (box.dataset.i18n) { box.textContent = t(box.dataset.i18n); }
    if (network) { reword(); }
  });
  const list = listPage({
    api: "/api/gaps/units",
    fields: ["by", "unit_kind", "q", "sort", "desc"],
    pageSize: 50,
    columns: COLUMNS,
    row: unitRow,
    after: markListed,
  });
  if (document.body.dataset.testHooks === "1") {
    /* Only when the app runs with ORGLINKS_TEST_HOOKS on: the browser tests' handle on the page. */
    window.orglinksGaps = { focusUnit, network: () => network, nodes: () => nodes };
  }
  return list;
});
