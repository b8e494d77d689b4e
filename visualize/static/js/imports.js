/* The imports page: dry-run a ledger (nothing written), show its problems row by row, then commit it
   and show what changed per table. Every text from the server goes in through textContent. */
import { startFrame } from "./frame.js";
import { clear, el, pageData } from "./dom.js";
import { getLang, onLangChange, t } from "./i18n.js";

startFrame();
const TABLES = pageData().tables || {};
const fileInput = document.getElementById("import-file");
const dryButton = document.getElementById("btn-dry-run");
const commitButton = document.getElementById("btn-commit");
const status = document.getElementById("import-status");
let last = null;   // { kind: "dry" | "commit" | "error", body, detail }: redrawn when the language changes

function tableName(key) {
  const zh = TABLES[key];
  return getLang() === "zh" && zh ? zh + " " + key : key;
}

function describe(json, code) {
  let detail = json && json.detail;
  if (Array.isArray(detail)) { detail = detail.map((d) => d.msg || "").join("; "); }
  return code + " " + (detail || "");
}

async function send(dryRun) {
  const file = fileInput.files && fileInput.files[0];
  if (!file) { status.textContent = t("i_pick"); return; }
  const body = new FormData();
  body.append("file", file, file.name);
  status.textContent = t("i_working");
  dryButton.disabled = true;
  commitButton.disabled = true;
  try {
    const response = await fetch("/api/imports" + (dryRun ? "?dry_run=true" : ""), {
      method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" },
    });
    const json = await response.json().catch(() => ({ detail: response.statusText }));
    last = json && json.outcome ? { kind: dryRun ? "dry" : "commit", body: json }
                                : { kind: "error", detail: describe(json, response.status) };
  } catch (err) {
    last = { kind: "error", detail: String(err) };
  }
  dryButton.disabled = false;
  draw();
}

/* Row lines (problems, or values kept back) into `table`'s body, each reason in the page's language. */
function drawRows(lines, reasonsZh, table, box) {
  const body = document.querySelector(table + " tbody");
  clear(body);
  lines.forEach((p, i) => {
    const reason = getLang() === "zh" && reasonsZh && reasonsZh[i] ? reasonsZh[i] : p.reason;
    const tr = el("tr", {});
    [p.file, p.sheet, p.row, p.column, p.value, reason].forEach((v) => tr.appendChild(el("td", {}, v)));
    body.appendChild(tr);
  });
  box.hidden = !lines.length;
}

function drawProblems(r, box) {
  drawRows(r.problems, r.reasons_zh, "#import-problems", box);
}

function drawCounts(r, box) {
  const written = !r.dry_run && r.outcome !== "rejected";
  const keys = written ? ["added", "updated", "unchanged"] : ["valid", "invalid"];
  document.getElementById("import-counts-title").textContent = t(written ? "i_changes" : "i_checked");
  const head = document.querySelector("#import-counts thead tr");
  clear(head);
  head.appendChild(el("th", {}, t("col_table")));
  keys.forEach((k) => head.appendChild(el("th", {}, t("col_" + k))));
  const body = document.querySelector("#import-counts tbody");
  clear(body);
  const counts = r.counts || {};
  Object.keys(counts).forEach((table) => {
    const tr = el("tr", { "data-table": table });
    tr.appendChild(el("th", {}, tableName(table)));
    keys.forEach((k) => tr.appendChild(el("td", { "class": "num", "data-key": k }, counts[table][k] || 0)));
    body.appendChild(tr);
  });
  box.hidden = !Object.keys(counts).length;
}

function draw() {
  const problemsBox = document.getElementById("import-problems-box");
  const countsBox = document.getElementById("import-counts-box");
  const warningsBox = document.getElementById("import-warnings-box");
  const keptBox = document.getElementById("import-kept-box");
  problemsBox.hidden = countsBox.hidden = warningsBox.hidden = keptBox.hidden = true;
  commitButton.disabled = true;
  status.className = "status";
  if (!last) { status.textContent = ""; return; }
  if (last.kind === "error") {
    status.textContent = t("i_failed", { detail: last.detail });
    status.className = "status warn";
    return;
  }
  const r = last.body;
  if (r.outcome === "rejected") {
    status.textContent = t("i_rejected", { n: r.problems.length });
    status.className = "status warn";
  } else if (last.kind === "dry") {
    status.textContent = t("i_dry_ok", { rows: r.rows });
    status.className = "status ok";
    commitButton.disabled = false;
  } else {
    status.textContent = t("i_committed", { id: r.load_id || "" });
    status.className = "status ok";
  }
  drawProblems(r, problemsBox);
  drawRows(r.kept || [], r.kept_zh, "#import-kept", keptBox);
  drawCounts(r, countsBox);
  const warnings = document.getElementById("import-warnings");
  clear(warnings);
  (r.warnings || []).forEach((w) => warnings.appendChild(el("li", {}, w)));
  warningsBox.hidden = !(r.warnings || []).length;
}

dryButton.addEventListener("click", () => send(true));
commitButton.addEventListener("click", () => send(false));
fileInput.addEventListener("change", () => { last = null; draw(); });
onLangChange(draw);
document.body.dataset.ready = "1";
