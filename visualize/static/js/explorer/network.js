/* The explorer's network: vis-network over the shared datasets, drawn from the page's records with the
   one style (style.js). The explorer's pages and the gaps page draw through it alike. */
import { groupedData } from "./clusters.js";
import { edges, nodes, state } from "./state.js";
import { visEdge, visNode } from "./style.js";

/* Fit zooms in on small graphs too (vis-network's own fit stops at 1:1). */
const FIT = { maxZoomLevel: 2.5, animation: false };
/* vis-network fits the nodes' shapes; a label wider than its node (most are) would touch the edge. */
const FIT_MARGIN = 0.92;

/* Show the whole network, with a margin for the labels at its sides. */
export function fitView(network) {
  network.fit(FIT);
  network.moveTo({ scale: network.getScale() * FIT_MARGIN, animation: false });
}
export const PHYSICS = { solver: "forceAtlas2Based", stabilization: { enabled: true, iterations: 200, updateInterval: 50 } };

/* Draw `view` (the server's records: nodes, edges, physics, clusters) into `container`; the network is
   also kept as state.network. A grouped view draws its groups closed (clusters.js). */
export function drawNetwork(container, view) {
  const physics = view.physics;
  nodes.add(view.nodes.map((n) => Object.assign(visNode(n), physics ? {} : { physics: false })));
  edges.add(view.edges.map(visEdge));
  const data = (view.clusters || []).length ? groupedData() : { nodes: nodes, edges: edges };
  /* global vis */
  const network = new vis.Network(container, data, {
    autoResize: true,
    nodes: { size: 14, font: { size: 14 }, borderWidth: 1, scaling: { min: 14, max: 40 } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.4 } }, smooth: false, width: 1 },
    physics: Object.assign({ enabled: physics }, PHYSICS),
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: !physics, multiselect: false },
    layout: { improvedLayout: data.nodes.length <= 150 },
  });
  state.network = network;
  return network;
}
