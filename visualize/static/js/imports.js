/* The imports page: dry-run a ledger (nothing written), show its problems row by row, then commit it
   and show what changed per table. Every text from the server goes in through textContent. */
(function () {
  "use strict";
  var W = window.orglinksWork;
  var TABLES = W.data.tables || {};
  var fileInput = document.getElementById("import-file");
  var dryButton = document.getElementById("btn-dry-run");
  var commitButton = document.getElementById("btn-commit");
  var status = document.getElementById("import-status");
  var last = null;   // { kind: "dry" | "commit" | "error", body, detail }: redrawn when the language changes

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function tableName(key) {
    var zh = TABLES[key];
    return W.lang === "zh" && zh ? zh + " " + key : key;
  }

  function send(dryRun) {
    var file = fileInput.files && fileInput.files[0];
    if (!file) { status.textContent = W.t("i_pick"); return; }
    var body = new FormData();
    body.append("file", file, file.name);
    status.textContent = W.t("i_working");
    dryButton.disabled = true;
    commitButton.disabled = true;
    fetch("/api/imports" + (dryRun ? "?dry_run=true" : ""), {
      method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return { detail: response.statusText }; }).then(function (json) {
        if (json && json.outcome) {
          last = { kind: dryRun ? "dry" : "commit", body: json };
        } else {
          last = { kind: "error", detail: describe(json, response.status) };
        }
        draw();
      });
    }).catch(function (err) {
      last = { kind: "error", detail: String(err) };
      draw();
    }).then(function () { dryButton.disabled = false; });
  }

  function describe(json, code) {
    var detail = json && json.detail;
    if (Array.isArray(detail)) { detail = detail.map(function (d) { return d.msg || ""; }).join("; "); }
    return code + " " + (detail || "");
  }

  function draw() {
    var problemsBox = document.getElementById("import-problems-box");
    var countsBox = document.getElementById("import-counts-box");
    var warningsBox = document.getElementById("import-warnings-box");
    problemsBox.hidden = countsBox.hidden = warningsBox.hidden = true;
    commitButton.disabled = true;
    if (!last) { status.textContent = ""; return; }
    if (last.kind === "error") {
      status.textContent = W.fill(W.t("i_failed"), { detail: last.detail });
      status.className = "status warn";
      return;
    }
    var r = last.body;
    if (r.outcome === "rejected") {
      status.textContent = W.fill(W.t("i_rejected"), { n: r.problems.length });
      status.className = "status warn";
    } else if (last.kind === "dry") {
      status.textContent = W.fill(W.t("i_dry_ok"), { rows: r.rows });
      status.className = "status ok";
      commitButton.disabled = false;
    } else {
      status.textContent = W.fill(W.t("i_committed"), { id: r.load_id || "" });
      status.className = "status ok";
    }
    drawProblems(r, problemsBox);
    drawCounts(r, countsBox);
    var warnings = document.getElementById("import-warnings");
    clear(warnings);
    (r.warnings || []).forEach(function (w) { warnings.appendChild(el("li", w)); });
    warningsBox.hidden = !(r.warnings || []).length;
  }

  function drawProblems(r, box) {
    var body = document.querySelector("#import-problems tbody");
    clear(body);
    r.problems.forEach(function (p, i) {
      var reason = W.lang === "zh" && r.reasons_zh && r.reasons_zh[i] ? r.reasons_zh[i] : p.reason;
      var tr = el("tr");
      [p.file, p.sheet, p.row, p.column, p.value, reason].forEach(function (v) { tr.appendChild(el("td", v)); });
      body.appendChild(tr);
    });
    box.hidden = !r.problems.length;
  }

  function drawCounts(r, box) {
    var written = !r.dry_run && r.outcome !== "rejected";
    var keys = written ? ["added", "updated", "unchanged"] : ["valid", "invalid"];
    document.getElementById("import-counts-title").textContent = W.t(written ? "i_changes" : "i_checked");
    var head = document.querySelector("#import-counts thead tr");
    clear(head);
    head.appendChild(el("th", W.t("col_table")));
    keys.forEach(function (k) { head.appendChild(el("th", W.t("col_" + k))); });
    var body = document.querySelector("#import-counts tbody");
    clear(body);
    Object.keys(r.counts || {}).forEach(function (table) {
      var tr = el("tr");
      tr.setAttribute("data-table", table);
      tr.appendChild(el("th", tableName(table)));
      keys.forEach(function (k) {
        var td = el("td", (r.counts[table] || {})[k] || 0);
        td.className = "num";
        td.setAttribute("data-key", k);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    box.hidden = !Object.keys(r.counts || {}).length;
  }

  dryButton.addEventListener("click", function () { send(true); });
  commitButton.addEventListener("click", function () { send(false); });
  fileInput.addEventListener("change", function () { last = null; draw(); });
  document.addEventListener("orglinks:lang", draw);
}());
