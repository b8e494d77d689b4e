/* Large areas open grouped: one cluster per child area (street or community), labelled with its name,
   its units and the share of them with no link at all; double-click opens it. The groups come from
   the server (visualize/clusters.py); vis-network's own clustering holds them. */
import { t } from "../i18n.js";
import { DATA, LEGEND, nodes, state } from "./state.js";
import { percent } from "./style.js";

/* The on-screen height, in CSS px, that the labels of a grouped view get at the opening zoom. */
export const LEGIBLE_PX = 15;

function clusters() { return (DATA.view && DATA.view.clusters) || []; }

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

function clusterNode(c) {
  return Object.assign({
    id: c.id, shape: "box", borderWidth: 3, margin: 10, area: c.area, isGroup: true,
    color: { background: LEGEND.cluster.color, border: border(c),
             highlight: { background: LEGEND.cluster.color, border: border(c) } },
    font: { color: LEGEND.cluster.font, size: 16, face: "Noto Sans CJK SC, sans-serif" },
  }, words(c));
}

export function hasGroups() { return clusters().length > 0; }

export function groupAll() {
  const network = state.network;
  const groups = clusters();
  if (!groups.length) { return; }
  /* Refresh vis-network's indexes once for all groups, not once per group. */
  groups.forEach((c) => {
    network.clustering.cluster({ joinCondition: (n) => n.cluster === c.id, clusterNodeProperties: clusterNode(c) },
      false);
  });
  network.body.emitter.emit("_dataChanged");
}

export function isGroup(id) {
  return !!state.network && state.network.body.nodes[id] !== undefined && state.network.isCluster(id);
}

export function groupOf(id) { return clusters().find((c) => c.id === id) || null; }

/* Open a group where the server laid its nodes out (the groups were spread so that none overlaps
   another), rather than vis-network's default of piling them on the cluster's spot. */
export function openGroup(id) {
  state.network.openCluster(id, { releaseFunction: (at, positions) => positions });
}

/* The clusters still closed. */
export function closedGroups() { return clusters().filter((c) => isGroup(c.id)).map((c) => c.id); }

/* Keep the words of the groups (and of the nodes no group holds) legible at the zoom the page opens
   at: groups sit far apart, as far as the nodes they hold will need once opened, so the fitted zoom
   is small; their labels grow to make up for it. */
export function legibleAt(scale, free) {
  const size = Math.max(16, Math.ceil(LEGIBLE_PX / Math.max(scale, 0.01)));
  clusters().forEach((c) => {
    if (!isGroup(c.id)) { return; }
    const node = state.network.body.nodes[c.id];
    node.setOptions({ font: { size: size }, margin: Math.round(size / 2) });
    /* vis-network keeps a box's margins from its creation: take the new one, or the grown words
       overflow the box. */
    if (node.shape && node.shape._setMargins) {
      node.shape._setMargins(node.labelModule);
      node.shape.refreshNeeded = true;
    }
  });
  state.network.body.emitter.emit("_dataChanged");
  nodes.update(free.map((id) => ({ id: id, font: { size: size } })));
  spreadFree(free, size / 14);
}

/* Move the free nodes apart around their centre by `factor`, as their labels grew by as much, but
   no further than a third of the way to the nearest group. */
function spreadFree(free, factor) {
  if (free.length < 2 || factor <= 1) { return; }
  const at = state.network.getPositions(free);
  const ids = Object.keys(at);
  const cx = ids.reduce((sum, id) => sum + at[id].x, 0) / ids.length;
  const cy = ids.reduce((sum, id) => sum + at[id].y, 0) / ids.length;
  const reach = Math.max(...ids.map((id) => Math.hypot(at[id].x - cx, at[id].y - cy)), 1);
  const groups = state.network.getPositions(closedGroups());
  const nearest = Math.min(...Object.keys(groups).map((g) => Math.hypot(groups[g].x - cx, groups[g].y - cy)));
  const f = Math.min(factor, Number.isFinite(nearest) ? nearest / 3 / reach : factor);
  if (f <= 1) { return; }
  ids.forEach((id) => state.network.moveNode(id, cx + (at[id].x - cx) * f, cy + (at[id].y - cy) * f));
}

export function rewordGroups() {
  clusters().forEach((c) => {
    if (isGroup(c.id)) { state.network.body.nodes[c.id].setOptions(words(c)); }
  });
  state.network.body.emitter.emit("_dataChanged");
}
