/* The gaps page: units lacking links in an area, beside the area's network; a click on a row finds the
   unit in the network and highlights it. */
import { DATA, t, el, fillOptions, listPage, onLang, start } from "./workbench.js";

const COLUMNS = ["col_id", "col_name", "col_kind", "col_street", "col_community", "col_links", "col_partners"];
const HIGHLIGHT = "#d9480f";
let network = null;
let nodes = null;
let focused = null;

function drawNetwork() {
  const box = DATA.network;
  const note = document.getElementById("network-note");
  const key = !box ? "network_none" : box.folded ? "network_folded" : "network_hint";
  note.dataset.i18n = key;
  note.textContent = t(key);
  if (!box || !box.view) { document.body.dataset.networkReady = "none"; return; }
  const view = box.view;
  nodes = new vis.DataSet(view.nodes.map((n) => Object.assign(n, { id: String(n.id) })));
  const edges = new vis.DataSet(view.edges.map((e, i) => Object.assign(e, { id: "e" + i })));
  network = new vis.Network(document.getElementById("network"), { nodes, edges }, {
    autoResize: true,
    nodes: { size: 14, font: { size: 12, face: "Noto Sans CJK SC, sans-serif" }, borderWidth: 1 },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.4 } }, smooth: false, width: 1 },
    physics: { enabled: view.physics, solver: "forceAtlas2Based",
               stabilization: { enabled: true, iterations: 200, updateInterval: 50 } },
    interaction: { hover: true, tooltipDelay: 150, multiselect: false },
    layout: { improvedLayout: nodes.length <= 150 },
  });
  const ready = () => { document.body.dataset.networkReady = "1"; };
  if (view.physics && nodes.length) {
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      ready();
    });
  } else {
    network.once("afterDrawing", ready);
    network.fit();
  }
}

function focusUnit(id) {
  document.querySelectorAll("#wb-table tr.focused").forEach((r) => r.classList.remove("focused"));
  const row = document.querySelector('#wb-table tr[data-id="' + CSS.escape(id) + '"]');
  if (row) { row.classList.add("focused"); }
  const note = document.getElementById("network-note");
  if (!network || !nodes.get(id)) {
    note.dataset.i18n = DATA.network && DATA.network.view ? "not_in_network" : note.dataset.i18n;
    note.textContent = t(note.dataset.i18n);
    document.body.dataset.focused = "";
    return;
  }
  if (focused && nodes.get(focused)) {
    const before = nodes.get(focused);
    nodes.update({ id: focused, borderWidth: 1, size: 14, color: before.baseColor || before.color });
  }
  const node = nodes.get(id);
  const base = node.baseColor || node.color;
  nodes.update({ id, baseColor: base, borderWidth: 6, size: 24,
                 color: { background: typeof base === "string" ? base : base.background, border: HIGHLIGHT } });
  focused = id;
  network.selectNodes([id]);
  network.focus(id, { scale: 1.4, animation: false });
  note.dataset.i18n = "network_hint";
  note.textContent = t("network_hint");
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
  if (!nodes) { return; }
  const listed = new Set(body.items.map((i) => i.id));
  nodes.update(nodes.get().filter((n) => (n.entityType || n.type) === "Unit").map((n) => {
    const base = n.baseColor || n.color;
    if (n.id === focused) { return { id: n.id, baseColor: base }; }
    const background = typeof base === "string" ? base : base.background;
    return { id: n.id, baseColor: base, borderWidth: listed.has(n.id) ? 3 : 1,
             color: listed.has(n.id) ? { background, border: HIGHLIGHT } : base };
  }));
}

start(() => {
  const kinds = document.getElementById("f-kind");
  const labelKinds = () => fillOptions(kinds, DATA.unit_kinds, (k) => "kind_" + k, "all");
  labelKinds();
  onLang(labelKinds);
  drawNetwork();
  onLang(() => {
    const note = document.getElementById("network-note");
    if (note.dataset.i18n) { note.textContent = t(note.dataset.i18n); }
  });
  const list = listPage({
    api: "/api/gaps/units",
    fields: ["by", "unit_kind", "q", "sort", "desc"],
    pageSize: 50,
    columns: COLUMNS,
    row: unitRow,
    after: markListed,
  });
  window.orglinksGaps = { focusUnit, network: () => network, nodes: () => nodes };
  return list;
});
