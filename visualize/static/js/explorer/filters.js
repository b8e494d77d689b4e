/* The legend that doubles as filters, the user's hiding, the gap overlay and the status line. */
import { clear, el, setStatus } from "../dom.js";
import { t } from "../i18n.js";
import { DATA, LEGEND, edges, nodes, state } from "./state.js";
import { GLYPHS, gapName, nodeStyle, tieName, typeName } from "./style.js";

function nodeHidden(n) { return !!(state.typeOff[n.type] || state.hiddenByUser[n.id]); }

export function visibleNodes() { return nodes.get({ filter: (n) => !n.hidden }); }

export function visibleEdges() {
  const shown = {};
  visibleNodes().forEach((n) => { shown[n.id] = true; });
  return edges.get({ filter: (e) => !e.hidden && shown[e.from] && shown[e.to] });
}

export function updateStatus() {
  const n = visibleNodes().length;
  setStatus(t(n === 1 ? "status_counts_one" : "status_counts", { nodes: n, edges: visibleEdges().length }));
}

export function refreshVisibility() {
  nodes.update(nodes.get().map((n) => {
    const marked = !!state.gapKind && (n.gaps || []).indexOf(state.gapKind) >= 0;
    const color = nodeStyle(n.type).color;
    return { id: n.id, hidden: nodeHidden(n), borderWidth: marked ? 5 : (n.baseBorder || 1),
             color: marked ? { background: color, border: LEGEND.gap_color } : color, gapMarked: marked };
  }));
  edges.update(edges.get().map((e) => ({ id: e.id, hidden: !!state.tieOff[e.type] })));
  updateStatus();
}

/* One row per type or kind: its checkbox (filter), its colour and shape (legend), its name. */
function fillChecks(box, keys, present, off, name, swatch) {
  clear(box);
  keys.forEach((k) => {
    const label = el("label", { class: "legend-row " + (present[k] ? "present" : "absent"), "data-key": k });
    const check = el("input", { type: "checkbox", value: k });
    check.checked = !off[k];
    check.addEventListener("change", () => { off[k] = !check.checked; refreshVisibility(); });
    label.appendChild(check);
    label.appendChild(swatch(k));
    label.appendChild(el("span", {}, name(k)));
    box.appendChild(label);
  });
}

export function buildFilters() {
  const present = {};
  const ties = {};
  nodes.forEach((n) => { present[n.type] = true; });
  edges.forEach((e) => { ties[e.type] = true; });
  fillChecks(document.getElementById("type-filters"), Object.keys(LEGEND.nodes), present, state.typeOff, typeName,
    (k) => {
      const sw = el("span", { class: "glyph" }, GLYPHS[LEGEND.nodes[k].shape] || "●");
      sw.style.color = LEGEND.nodes[k].color;
      return sw;
    });
  fillChecks(document.getElementById("tie-filters"), Object.keys(LEGEND.edges), ties, state.tieOff, tieName,
    (k) => {
      const sw = el("span", { class: "line" + (LEGEND.edges[k].dashes ? " dashed" : "") });
      sw.style.borderColor = LEGEND.edges[k].color;
      return sw;
    });
  const gapRow = document.getElementById("gap-legend");
  clear(gapRow);
  const gapSw = el("span", { class: "swatch gap" });
  gapSw.style.borderColor = LEGEND.gap_color;
  gapRow.appendChild(gapSw);
  gapRow.appendChild(el("span", {}, t("gap_marked")));
}

export function gapMarked() {
  if (!state.gapKind) { return []; }
  return nodes.get({ filter: (n) => (n.gaps || []).indexOf(state.gapKind) >= 0 }).map((n) => n.id).sort();
}

export function buildGapBox() {
  const gaps = DATA.context && DATA.context.gaps;
  const box = document.getElementById("gap-box");
  if (!gaps) { box.hidden = true; return; }
  box.hidden = false;
  const select = document.getElementById("gap-kind");
  clear(select);
  select.appendChild(el("option", { value: "" }, t("gap_none")));
  LEGEND.gaps.forEach((k) => {
    const opt = el("option", { value: k }, gapName(k));
    if (k === state.gapKind) { opt.selected = true; }
    select.appendChild(opt);
  });
  select.disabled = !gaps.available;
  const summary = document.getElementById("gap-summary");
  clear(summary);
  if (!gaps.available) { summary.textContent = t(gaps.reason || "gap_unavailable"); return; }
  if (state.gapKind) {
    const marked = gapMarked();
    summary.appendChild(el("strong", {}, t("gap_marked") + ": " + marked.length));
    const list = el("ul", { id: "gap-list" });
    marked.forEach((id) => {
      const item = el("li", { "data-id": id, tabindex: "0" }, nodes.get(id).name);
      item.addEventListener("click", () => hooks.focus(id));
      item.addEventListener("keydown", (ev) => { if (ev.key === "Enter") { hooks.focus(id); } });
      list.appendChild(item);
    });
    summary.appendChild(list);
    const subject = DATA.context && DATA.context.subject;
    if (subject) {
      const href = "/view/gaps?area=" + encodeURIComponent(subject) + "&by=" + encodeURIComponent(state.gapKind);
      summary.appendChild(el("a", { id: "gap-page-link", href: href, "data-i18n": "wb_gaps_table" }, t("wb_gaps_table")));
    }
  }
}

/* What the page does when a unit of the gap list is picked, and after the gap kind changes. */
const hooks = { focus: () => {}, kindChanged: () => {} };

export function setupFilters(on) {
  Object.assign(hooks, on || {});
  document.getElementById("gap-kind").addEventListener("change", (ev) => {
    state.gapKind = ev.target.value;
    refreshVisibility();
    buildGapBox();
    hooks.kindChanged();
  });
  document.getElementById("btn-show-all").addEventListener("click", () => {
    state.hiddenByUser = {};
    state.typeOff = {};
    state.tieOff = {};
    buildFilters();
    refreshVisibility();
  });
}
