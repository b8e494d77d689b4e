/* Exports of what is shown (after filters and hiding): a PNG on white with the title and legend,
   drawn here from the canvas; CSV and GraphML written by the server (POST /api/export/view), which
   neutralizes spreadsheet formulas and escapes XML once for every export of the app. */
import { download, saveAs } from "../api.js";
import { setStatus } from "../dom.js";
import { getLang, t } from "../i18n.js";
import { LEGEND } from "./state.js";
import { visibleEdges, visibleNodes } from "./filters.js";
import { GLYPHS, typeName } from "./style.js";

const FONT = "Noto Sans CJK SC, Microsoft YaHei, sans-serif";

function legendItems() {
  const seen = {};
  visibleNodes().forEach((n) => { seen[n.type] = true; });
  return Object.keys(LEGEND.nodes).filter((k) => seen[k])
    .map((k) => ({ color: LEGEND.nodes[k].color, glyph: GLYPHS[LEGEND.nodes[k].shape] || "●", name: typeName(k) }));
}

/* The network drawn for export: white background, the page title above, the legend below. */
export function composePng() {
  const source = document.querySelector("#network canvas");
  if (!source) { return null; }
  const ratio = source.width / Math.max(1, source.clientWidth || source.width);
  const pad = Math.round(14 * ratio);
  const titleSize = Math.round(20 * ratio);
  const textSize = Math.round(14 * ratio);
  const titleHeight = titleSize + 2 * pad;
  const legendHeight = textSize + 2 * pad;
  const out = document.createElement("canvas");
  out.width = source.width;
  out.height = source.height + titleHeight + legendHeight;
  const ctx = out.getContext("2d");
  ctx.fillStyle = LEGEND.canvas;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.textBaseline = "middle";
  ctx.fillStyle = LEGEND.ink;
  ctx.font = "bold " + titleSize + "px " + FONT;
  ctx.fillText(document.getElementById("page-title").textContent, pad, titleHeight / 2);
  ctx.drawImage(source, 0, titleHeight);
  ctx.font = textSize + "px " + FONT;
  let x = pad;
  const y = titleHeight + source.height + legendHeight / 2;
  ctx.fillText(t("png_legend") + ":", x, y);
  x += ctx.measureText(t("png_legend") + ":").width + pad;
  legendItems().forEach((item) => {
    ctx.fillStyle = item.color;
    ctx.fillText(item.glyph, x, y);
    x += ctx.measureText(item.glyph).width + pad / 3;
    ctx.fillStyle = LEGEND.ink;
    ctx.fillText(item.name, x, y);
    x += ctx.measureText(item.name).width + pad;
  });
  return out;
}

export function pngDataUrl() {
  const canvas = composePng();
  return canvas ? canvas.toDataURL("image/png") : "";
}

export function exportPng() {
  const url = pngDataUrl();
  if (url) { saveAs(url, "orglinks.png"); }
  return url;
}

function shown() {
  return {
    title: document.getElementById("page-title").textContent,
    lang: getLang(),
    nodes: visibleNodes().map((n) => ({ id: n.id, name: n.name, type: n.type, gaps: n.gaps || [] })),
    edges: visibleEdges().map((e) => ({ source: e.from, target: e.to, type: e.type })),
  };
}

/* Ask the server to write the view as `format` (csv or graphml); resolves to the file's text. */
export async function exportView(format) {
  try {
    const blob = await download("/api/export/view?format=" + format, shown(), "orglinks." + format);
    return await blob.text();
  } catch (err) {
    setStatus(t("export_failed") + ": " + err.message);
    return "";
  }
}
