/* The explorer of a network page (entity, area, path): draws the page's records with vis-network and
   fetches more from the API on demand. Every text from the data goes in through textContent. */
import { getJSON } from "../api.js";
import { setStatus } from "../dom.js";
import { startFrame } from "../frame.js";
import { onLangChange, t } from "../i18n.js";
import { boundGroupWords, closedGroups, groupOf, hasGroups, isDrawn, isGroup, openGroup, restoreLayout, reveal, rewordGroups } from "./clusters.js";
import { composePng, exportPng, exportView } from "./exports.js";
import { buildFilters, buildGapBox, gapMarked, refreshVisibility, setupFilters, updateStatus } from "./filters.js";
import { showDetails } from "./panel.js";
import { PHYSICS, drawNetwork, fitView } from "./network.js";
import { startPathPanel, rewordPathPanel } from "./path-panel.js";
import { placeAround } from "./placement.js";
import { DATA, edges, nodes, state } from "./state.js";
import { fromApi, fromApiEdge, reword, visEdge, visNode } from "./style.js";


/* ---------- expansion ---------- */
function addView(view, origin) {
  const fresh = (view.nodes || []).map(fromApi).filter((n) => !nodes.get(n.id)).map(visNode);
  if (fresh.length && origin) {
    const all = state.network.getPositions();
    const at = all[origin] || { x: 0, y: 0 };
    const occupied = Object.keys(all).map((k) => all[k]);
    placeAround(at, fresh.length, occupied).forEach((p, i) => {
      fresh[i].x = p.x;
      fresh[i].y = p.y;
    });
  }
  nodes.add(fresh);
  const ties = (view.edges || []).map(fromApiEdge).map(visEdge)
    .filter((e) => !edges.get(e.id) && nodes.get(e.from) && nodes.get(e.to));
  edges.add(ties);
  return fresh.map((n) => n.id);
}

async function expand(id) {
  document.body.classList.add("busy");
  try {
    const view = await getJSON("/api/entities/" + encodeURIComponent(id) + "/network?depth=1");
    const added = addView(view, id);
    state.expandedBy[id] = (state.expandedBy[id] || []).concat(added);
    buildFilters();
    refreshVisibility();
    document.body.dataset.lastExpanded = id;
    return added;
  } catch (err) {
    setStatus(t("error") + ": " + err.message);
    return [];
  } finally {
    document.body.classList.remove("busy");
  }
}

function collapse(id) {
  const gone = {};
  (function drop(nodeId) {
    (state.expandedBy[nodeId] || []).forEach((child) => {
      if (!gone[child]) { gone[child] = true; drop(child); }
    });
    delete state.expandedBy[nodeId];
  })(id);
  edges.remove(edges.get({ filter: (e) => gone[e.from] || gone[e.to] }).map((e) => e.id));
  nodes.remove(Object.keys(gone));
  updateStatus();
}

const ACTIONS = {
  expand: (id) => expand(id),
  collapse: (id) => collapse(id),
  hide: (id) => { state.hiddenByUser[id] = true; refreshVisibility(); },
};

function details(id) { showDetails(id, ACTIONS); }

/* Centre the network on a node and show its details (a unit picked in the gap list). */
function focusNode(id) {
  if (!nodes.get(id)) { return; }
  reveal(id); // a unit of a closed group: open the group first
  state.network.selectNodes([id]);
  state.network.focus(id, { scale: 1.3, animation: false });
  details(id);
}

/* ---------- layout ---------- */
/* Show the whole network; a grouped page's words no larger than its groups need (clusters.js). */
function fit() {
  fitView(state.network);
  if (hasGroups()) { boundGroupWords(state.network); }
}

function countLayout() {
  document.body.dataset.layouts = String(Number(document.body.dataset.layouts || 0) + 1);
}

/* Lay the drawn nodes out again by force, then hold them still; a grouped page goes back to the
   server's layout instead (clusters.js restoreLayout). */
function relayout() {
  const network = state.network;
  if (hasGroups()) {
    restoreLayout(state.opening || {});
    fit();
    network.redraw();
    countLayout();
    return;
  }
  const drawn = network.body.data.nodes;
  drawn.update(drawn.getIds().map((id) => ({ id: id, physics: true, fixed: false })));
  network.setOptions({ physics: Object.assign({ enabled: true }, PHYSICS) });
  network.once("stabilizationIterationsDone", () => {
    network.setOptions({ physics: { enabled: false } });
    fit();
    countLayout();
  });
  network.stabilize(PHYSICS.stabilization.iterations);
}

function markReady() {
  document.body.dataset.readyAt = String(Math.round(performance.now()));
  document.body.dataset.ready = "1";
  updateStatus();
}

function emphasize(id) {
  if (id && nodes.get(id)) { nodes.update({ id: id, size: 24, baseBorder: 3, borderWidth: 3 }); }
}

/* ---------- start ---------- */
function start() {
  startFrame();
  const view = DATA.view || { nodes: [], edges: [], physics: true, clusters: [] };
  const physics = view.physics;
  const network = drawNetwork(document.getElementById("network"), view);
  network.on("click", (p) => {
    if (!p.nodes.length) { return; }
    const id = String(p.nodes[0]);
    const group = isGroup(id) ? groupOf(id) : null;
    details(group ? group.area : id);
  });
  network.on("doubleClick", (p) => {
    if (!p.nodes.length) { return; }
    const id = String(p.nodes[0]);
    if (!isGroup(id)) { expand(id); return; }
    /* The user opened it to look inside: zoom to its nodes (适应窗口 shows the whole area again). */
    const inside = openGroup(id);
    if (inside.length) { network.fit({ nodes: inside, animation: { duration: 400, easingFunction: "easeInOutQuad" } }); }
  });
  /* vis-network measures the labels when it first draws them: fit again then, labels included. */
  const fitOnceDrawn = () => network.once("afterDrawing", () => {
    fit();
    markReady();
  });
  if (physics && nodes.length) {
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: false } });
      fitOnceDrawn();
      fit();
    });
  } else {
    fitOnceDrawn();
    fit();
    if (hasGroups()) { state.opening = network.getPositions(); }
    network.redraw();
  }
  document.getElementById("btn-fit").addEventListener("click", fit);
  document.getElementById("btn-relayout").addEventListener("click", relayout);
  document.getElementById("btn-png").addEventListener("click", exportPng);
  document.getElementById("btn-csv").addEventListener("click", () => exportView("csv"));
  document.getElementById("btn-graphml").addEventListener("click", () => exportView("graphml"));
  /* The details' gap export link follows the kind chosen. */
  setupFilters({ focus: focusNode, kindChanged: () => { if (state.selected) { details(state.selected); } } });
  buildFilters();
  buildGapBox();
  updateStatus(); // nothing is filtered, hidden or marked yet: no node needs restyling
  const context = DATA.context || {};
  emphasize(context.subject);
  emphasize(context.target);
  if (context.subject && isDrawn(context.subject)) {
    details(context.subject);
  }
  if (document.body.dataset.page === "path") { startPathPanel(); }
  onLangChange(() => {
    rewordPathPanel();
    buildFilters();
    buildGapBox();
    reword();
    rewordGroups();
    /* A hover text on screen was written in the other language: hide it until the next hover. */
    document.querySelectorAll("div.vis-tooltip").forEach((tip) => { tip.style.visibility = "hidden"; });
    updateStatus();
    if (state.selected) { details(state.selected); }
  });
  if (document.body.dataset.testHooks === "1") {
    /* Only when the app runs with ORGLINKS_TEST_HOOKS on: the browser tests' handle on the state. */
    window.orglinks = { network, nodes, edges, expand, collapse, gapMarked, focusNode, fit, relayout, closedGroups,
                        openGroup, composePng, exportPng, exportView };
  }
}

start();
