/* What the explorer's modules share: the page's data, the two datasets and the network. */
import { pageData } from "../dom.js";

export const DATA = pageData();
export const LEGEND = DATA.legend;
export const KEY_PROPS = DATA.key_props || [];
/* global vis */
export const nodes = new vis.DataSet();
export const edges = new vis.DataSet();
export const state = {
  network: null,
  selected: null,
  gapKind: "",
  typeOff: {}, // entity type -> true when filtered out
  tieOff: {}, // tie kind -> true when filtered out
  hiddenByUser: {}, // node id -> true
  expandedBy: {}, // node id -> ids of the nodes its expansion added
  opening: null, // a grouped page's node id -> where it stood when the page opened (re-layout's goal)
};
