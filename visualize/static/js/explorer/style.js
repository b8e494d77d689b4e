/* The one place that decides how a node or tie looks and what its hover text says, from the server's
   style table (visualize/style.py) and the interface words. Records of the page and records an
   expansion fetches go through the same functions; a language switch re-words them all. */
import { t, word } from "../i18n.js";
import { KEY_PROPS, LEGEND, edges, nodes } from "./state.js";

export const LABEL_MAX = 18;
export const GLYPHS = { dot: "●", diamond: "◆", star: "★", triangle: "▲", triangleDown: "▼", square: "■",
  box: "▬", hexagon: "⬢" };
const FONT_FACE = "Noto Sans CJK SC, Microsoft YaHei, sans-serif";

export function nodeStyle(type) { return LEGEND.nodes[type] || LEGEND.other_node; }
export function edgeStyle(type) { return LEGEND.edges[type] || LEGEND.other_edge; }
export function typeName(type) { return t(LEGEND.nodes[type] ? "type_" + type : "type_Other"); }
export function tieName(type) { return t(LEGEND.edges[type] ? "tie_" + type : "tie_Other"); }
export function gapName(kind) { return t("gapkind_" + kind); }
export function propName(key) { return t("prop_" + key); }
/* A word shown on its own, as a label or a value: its first letter upper case (English words). */
export function capital(text) { const s = String(text); return s.charAt(0).toUpperCase() + s.slice(1); }
/* A property's value as words: a code (level, kind, status, …) in the current language, yes or no. */
export function propValue(value) {
  if (typeof value === "boolean") { return t(value ? "bool_true" : "bool_false"); }
  if (Array.isArray(value)) { return value.map(propValue).join(", "); }
  return capital(word(value));
}

function shortLabel(text) {
  const s = String(text || "");
  return s.length > LABEL_MAX ? s.slice(0, LABEL_MAX - 1) + "…" : s;
}

/* A node of the API (/api/entities/{id}/network) in the page's record form. */
export function fromApi(n) {
  const props = {};
  KEY_PROPS.forEach((k) => {
    const v = n.properties && n.properties[k];
    if (v !== undefined && v !== null && v !== "") { props[k] = v; }
  });
  const rec = { id: String(n.id), name: n.label, type: n.type, props: props, gaps: n.gaps || [] };
  if (n.count !== undefined && n.count !== null) { rec.count = n.count; }
  return rec;
}

export function fromApiEdge(e) {
  return { from: String(e.source), to: String(e.target), type: e.type,
           count: (e.properties && e.properties.count) || 1 };
}

export function nodeTitle(rec) {
  const lines = [typeName(rec.type) + " · " + rec.name];
  Object.keys(rec.props || {}).forEach((k) => lines.push(propName(k) + ": " + propValue(rec.props[k])));
  if (rec.count !== undefined && rec.count !== null) { lines.push(propName("units") + ": " + rec.count); }
  if (rec.gaps && rec.gaps.length) { lines.push(propName("gaps") + ": " + rec.gaps.map(gapName).join(", ")); }
  return lines.join("\n");
}

/* The vis-network record of a node: its data (kept as it came) and its look. */
export function visNode(rec) {
  const s = nodeStyle(rec.type);
  const label = shortLabel(rec.name) + (rec.count !== undefined && rec.count !== null ? " (" + rec.count + ")" : "");
  const out = Object.assign({}, rec, {
    label: label,
    title: nodeTitle(rec),
    shape: s.shape,
    color: s.color,
    font: { color: s.font, face: FONT_FACE, strokeWidth: s.shape === "box" ? 0 : 3, strokeColor: LEGEND.canvas },
  });
  if (rec.count !== undefined && rec.count !== null) { out.value = rec.count; }
  return out;
}

export function edgeId(from, to, type) { return from + "\u0001" + to + "\u0001" + type; }

export function edgeTitle(rec) {
  return rec.count > 1 ? t("ties_count", { tie: tieName(rec.type), n: rec.count }) : tieName(rec.type);
}

export function visEdge(rec) {
  const s = edgeStyle(rec.type);
  return Object.assign({}, rec, {
    id: edgeId(rec.from, rec.to, rec.type),
    title: edgeTitle(rec),
    color: s.color,
    dashes: s.dashes,
    arrows: "to",
    width: 1 + Math.min(rec.count || 1, 20) / 4,
  });
}

/* Re-word hover texts after a language switch (labels are names, which stay as they are). */
export function reword() {
  nodes.update(nodes.get().map((n) => ({ id: n.id, title: nodeTitle(n) })));
  edges.update(edges.get().map((e) => ({ id: e.id, title: edgeTitle(e) })));
}

/* 25%, 33.3%, and two decimals below 1%, so 1 unit in 2,104 is not 0%. */
export function percent(share) {
  const p = share * 100;
  return Number(p.toFixed(p >= 1 ? 1 : 2)) + "%";
}

