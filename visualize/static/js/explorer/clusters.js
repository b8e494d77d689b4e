/* Large areas open grouped: one group per child area (street or community), labelled with its name,
   its units and the share of them with no link at all; double-click opens it. The groups come from
   the server (visualize/clusters.py).

   The page's records stay whole in the shared datasets (state.js): filters, exports, the gap list and
   the status line count every node. The network draws datasets of its own: a box per closed group, the
   nodes no closed group holds, the ties between those, and a tie into a closed group drawn to its box.
   vis-network builds a group's nodes only when the group opens, not all of them before folding them
   away; changes to the shared datasets are passed on to what is drawn. */
import { t } from "../i18n.js";
import { DATA, LEGEND, edges, nodes, state } from "./state.js";
import { percent, visEdge } from "./style.js";

const closed = new Set(); // ids of the groups not opened yet
const groupOfNode = {}; // id of a node of the page -> id of its group
const free = []; // ids of the nodes no group holds
let wordSize = 0; // the font size the closed groups' words are drawn at now
let drawnNodes = null;
let drawnEdges = null;

function clusters() { return (DATA.view && DATA.view.clusters) || []; }

/* The most, in CSS px, that the groups' words are drawn at once fitted in: the server spaces the boxes
   for a window of 1280 × 800 (some 15 px), and a larger window would blow them up. */
const WORDS_AT_MOST_PX = 18;

/* The font size of the groups' words (and the free nodes'), in canvas px: the server kept boxes of
   that size apart, and the page's fit makes them as large on screen as the window allows. */
function groupFont() { return (DATA.view && DATA.view.cluster_font) || 16; }

function share(c) { return c.units ? c.gap_units / c.units : 0; }

function border(c) {
  const s = share(c);
  const borders = LEGEND.cluster.borders;
  return s < 1 / 3 ? borders[0] : s <= 2 / 3 ? borders[1] : borders[2];
}

function words(c) {
  const values = { name: c.name, units: c.units, nodes: c.nodes, gap_units: c.gap_units,
                   share: c.units ? percent(share(c)) : "–" };
  return { label: t("cluster_label", values), title: t("cluster_title", values) };
}

/* A group's box, at the centre of its nodes' layout, its words at the size the server spaced the boxes
   for (visualize/layout.py grouped_positions: no box overlaps another, nor the group's nodes once
   opened overlap another group's). */
function groupNode(c) {
  const size = groupFont();
  return Object.assign({
    id: c.id, shape: "box", borderWidth: 3, margin: Math.round(size / 2), area: c.area, isGroup: true,
    physics: false, x: c.x, y: c.y,
    color: { background: LEGEND.cluster.color, border: border(c),
             highlight: { background: LEGEND.cluster.color, border: border(c) } },
    font: { color: LEGEND.cluster.font, size: size, face: "Noto Sans CJK SC, sans-serif" },
  }, words(c));
}

/* The closed group holding the node `id`, or null when the node is drawn (or not on the page). */
function closedGroupOf(id) {
  const g = groupOfNode[id];
  return g !== undefined && closed.has(g) ? g : null;
}

function copy(item) { return Object.assign({}, item); }

function drawnTie(e) { return closedGroupOf(e.from) === null && closedGroupOf(e.to) === null; }

/* The ties into closed groups, one per (end, end, kind) with their number, drawn to the groups' boxes;
   a tie or a node hidden by the filters or the user counts for none. */
function groupTies() {
  const out = {};
  edges.forEach((e) => {
    if (e.hidden || drawnTie(e)) { return; }
    const from = closedGroupOf(e.from) || e.from;
    const to = closedGroupOf(e.to) || e.to;
    if (from === to) { return; }
    const a = nodes.get(e.from);
    const b = nodes.get(e.to);
    if (!a || !b || a.hidden || b.hidden) { return; }
    const key = from + "\u0001" + to + "\u0001" + e.type;
    if (out[key]) { out[key].count += e.count || 1; } else { out[key] = { from: from, to: to, type: e.type, count: e.count || 1 }; }
  });
  return Object.keys(out).map((k) => Object.assign(visEdge(out[k]), { groupTie: true }));
}

function refreshGroupTies() {
  const fresh = groupTies();
  const keep = {};
  fresh.forEach((e) => { keep[e.id] = true; });
  drawnEdges.remove(drawnEdges.getIds({ filter: (e) => e.groupTie && !keep[e.id] }));
  drawnEdges.update(fresh);
}

/* Pass the changes of the page's datasets on to what is drawn. */
function follow() {
  nodes.on("add", (_, p) => {
    drawnNodes.add(nodes.get(p.items).filter((n) => closedGroupOf(n.id) === null).map(copy));
  });
  nodes.on("update", (_, p) => {
    drawnNodes.update(p.data.filter((d) => drawnNodes.get(d.id) !== null).map(copy));
    if (p.data.some((d) => "hidden" in d)) { refreshGroupTies(); }
  });
  nodes.on("remove", (_, p) => { drawnNodes.remove(p.items.filter((id) => drawnNodes.get(id) !== null)); });
  edges.on("add", (_, p) => {
    const items = edges.get(p.items);
    drawnEdges.add(items.filter(drawnTie).map(copy));
    if (!items.every(drawnTie)) { refreshGroupTies(); }
  });
  edges.on("update", (_, p) => {
    drawnEdges.update(p.data.filter((d) => drawnEdges.get(d.id) !== null).map(copy));
    if (p.data.some((d) => "hidden" in d)) { refreshGroupTies(); }
  });
  edges.on("remove", (_, p) => {
    drawnEdges.remove(p.items.filter((id) => drawnEdges.get(id) !== null));
    refreshGroupTies();
  });
}

/* The datasets the network draws from when the page is grouped: every group closed, the free nodes'
   words as large as the groups' (the server spread the free nodes as much). */
export function groupedData() {
  const known = {};
  clusters().forEach((c) => { closed.add(c.id); known[c.id] = true; });
  wordSize = groupFont();
  nodes.forEach((n) => {
    if (n.cluster && known[n.cluster]) { groupOfNode[n.id] = n.cluster; } else { free.push(n.id); }
  });
  nodes.update(free.map((id) => ({ id: id, font: { size: groupFont() } })));
  /* global vis */
  drawnNodes = new vis.DataSet(nodes.get({ filter: (n) => closedGroupOf(n.id) === null }).map(copy)
    .concat(clusters().map(groupNode)));
  drawnEdges = new vis.DataSet(edges.get({ filter: drawnTie }).map(copy));
  drawnEdges.add(groupTies());
  follow();
  return { nodes: drawnNodes, edges: drawnEdges };
}

export function hasGroups() { return clusters().length > 0; }

export function isGroup(id) { return closed.has(id); }

export function groupOf(id) { return clusters().find((c) => c.id === id) || null; }

/* Whether the node `id` is drawn now (on the page and in no closed group). */
export function isDrawn(id) { return !!nodes.get(id) && closedGroupOf(id) === null; }

/* Open a group: its nodes are drawn where the server laid them out, with their ties. Returns their ids
   (none if the group was not closed). */
export function openGroup(id) {
  if (!closed.has(id)) { return []; }
  closed.delete(id);
  drawnNodes.remove(id);
  const inside = nodes.get({ filter: (n) => groupOfNode[n.id] === id });
  drawnNodes.add(inside.map(copy));
  drawnEdges.add(edges.get({
    filter: (e) => (groupOfNode[e.from] === id || groupOfNode[e.to] === id) && drawnTie(e) && drawnEdges.get(e.id) === null,
  }).map(copy));
  refreshGroupTies();
  return inside.map((n) => n.id);
}

/* Open the group that holds the node `id`, if it is closed. */
export function reveal(id) {
  const g = closedGroupOf(id);
  if (g !== null) { openGroup(g); }
}

/* Put every drawn node back where the page laid it out: where it stood when the page opened
   (`opening`), else where the server laid it out (a node of a group opened since) or an expansion
   placed it, each closed group's box at its centre. A grouped page is laid out by the server so that
   no group overlaps another once opened; laying it out again by force would pile the boxes together. */
export function restoreLayout(opening) {
  drawnNodes.forEach((d) => {
    const at = closed.has(d.id) ? groupOf(d.id) : opening[d.id] || nodes.get(d.id);
    if (at && Number.isFinite(at.x) && Number.isFinite(at.y)) { state.network.moveNode(d.id, at.x, at.y); }
  });
}

/* The groups still closed, in the page's order. */
export function closedGroups() { return clusters().filter((c) => closed.has(c.id)).map((c) => c.id); }

/* On a window larger than the server spaced the boxes for, draw the closed groups' words (and the free
   nodes') smaller, at most WORDS_AT_MOST_PX, rather than blow them up: the boxes shrink about their
   centres, so they still overlap nothing, and the picture still fills the window. */
export function boundGroupWords(network) {
  const size = Math.min(groupFont(), Math.max(1, Math.floor(WORDS_AT_MOST_PX / network.getScale())));
  if (!closed.size || size === wordSize) { return; }
  wordSize = size;
  const shut = closedGroups();
  drawnNodes.update(shut.map((id) => ({ id: id, font: { size: size }, margin: Math.round(size / 2) })));
  shut.forEach((id) => {
    /* vis-network keeps a box's margins from its creation: take the new one, or the box keeps the
       old margin round its smaller words. */
    const node = network.body.nodes[id];
    if (node && node.shape && node.shape._setMargins) {
      node.shape._setMargins(node.labelModule);
      node.shape.refreshNeeded = true;
    }
  });
  nodes.update(free.map((id) => ({ id: id, font: { size: size } })));
  network.body.emitter.emit("_dataChanged");
}

export function rewordGroups() {
  if (!drawnNodes) { return; }
  drawnNodes.update(clusters().filter((c) => closed.has(c.id)).map((c) => Object.assign({ id: c.id }, words(c))));
}
