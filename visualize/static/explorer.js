/* orglinks explorer: reads the page's JSON island, draws it with vis-network, and fetches more from the
   API on demand. No inline script anywhere (the pages' CSP forbids it); every text from the data goes
   into the page through textContent, never innerHTML. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("orglinks-data").textContent);
  var LEGEND = DATA.legend;
  var I18N = DATA.i18n;
  var lang = readLang();
  var KEY_PROPS = ["level", "kind", "type", "status", "category", "industry", "signed", "expires",
                   "founded", "members", "units", "communities"];

  var GLYPHS = { dot: "●", diamond: "◆", star: "★", triangle: "▲", triangleDown: "▼", square: "■",
                 box: "▬", hexagon: "⬢" };
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var expandedBy = {};       // node id -> ids of the nodes its expansion added
  var hiddenByUser = {};     // node id -> true
  var typeOff = {};          // entity type -> true when filtered out
  var tieOff = {};           // tie kind -> true when filtered out
  var gapKind = "";
  var selected = null;
  var network = null;

  function readLang() {
    try { return localStorage.getItem("orglinks.lang") === "en" ? "en" : "zh"; } catch (e) { return "zh"; }
  }
  function t(key) { return (I18N[lang] && I18N[lang][key]) || I18N.zh[key] || key; }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function typeName(type) { var s = LEGEND.nodes[type]; return s ? s[lang] : type; }
  function tieName(type) { var s = LEGEND.edges[type]; return s ? s[lang] : type; }

  /* ---------- language ---------- */
  function applyLang() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("[data-i18n]").forEach(function (n) { n.textContent = t(n.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(function (n) {
      n.setAttribute("placeholder", t(n.dataset.i18nPlaceholder));
    });
    var title = DATA.context && DATA.context.title;
    if (title) {
      var text = fill(t(title[0]), title[1]);
      document.getElementById("page-title").textContent = text;
      document.title = text + " · " + t("app");
    }
    buildFilters();
    buildGapBox();
    renderProgress();
    retitle();
    showUser();
    if (selected) { showDetails(selected); }
  }

  /* ---------- styling records that come from the API ---------- */
  function shortLabel(text) {
    text = String(text || "");
    return text.length > 18 ? text.slice(0, 17) + "…" : text;
  }
  function propName(k) { return t("prop_" + k); }
  function propValue(v) {
    var s = String(v);
    return lang === "zh" && DATA.vocab[s] ? DATA.vocab[s] : s.replace(/_/g, " ");
  }
  function gapName(g) { return LEGEND.gaps[g] ? LEGEND.gaps[g][lang] : g; }
  /* Hover text of a vis node record: plain text, shown by vis-network with innerText. */
  function titleOf(n) {
    var lines = [typeName(n.entityType) + " · " + n.fullName];
    Object.keys(n.props || {}).forEach(function (k) { lines.push(propName(k) + ": " + propValue(n.props[k])); });
    if (n.count !== undefined && n.count !== null) { lines.push(propName("units") + ": " + n.count); }
    if (n.gaps && n.gaps.length) { lines.push(propName("gaps") + ": " + n.gaps.map(gapName).join(", ")); }
    return lines.join("\n");
  }
  function visNode(n) {
    var style = LEGEND.nodes[n.type] || { color: "#adb5bd", shape: "dot" };
    var props = {};
    KEY_PROPS.forEach(function (k) {
      var v = n.properties && n.properties[k];
      if (v !== undefined && v !== null && v !== "") { props[k] = v; }
    });
    var rec = { id: n.id, label: shortLabel(n.label), shape: style.shape, color: style.color,
                entityType: n.type, fullName: n.label, gaps: n.gaps || [], props: props };
    rec.title = titleOf(rec);
    return rec;
  }
  function retitle() {
    nodes.update(nodes.get().map(function (n) { return { id: n.id, title: titleOf(n) }; }));
    edges.update(edges.get().map(function (e) {
      return { id: e.id, title: tieName(e.relType) + (e.count > 1 ? " × " + e.count : "") };
    }));
  }
  function visEdge(e) {
    var style = LEGEND.edges[e.type] || { color: "#adb5bd", dashes: false, zh: e.type };
    return { id: edgeId(e.source, e.target, e.type), from: e.source, to: e.target, relType: e.type,
             color: style.color, dashes: style.dashes, title: style.zh, arrows: "to" };
  }
  function edgeId(from, to, type) { return from + "\u0001" + to + "\u0001" + type; }

  /* ---------- filters, hiding, gap overlay ---------- */
  function nodeHidden(n) { return !!(typeOff[n.entityType] || hiddenByUser[n.id]); }
  function refreshVisibility() {
    var nodeUpdates = nodes.get().map(function (n) {
      var marked = gapKind && (n.gaps || []).indexOf(gapKind) >= 0;
      return { id: n.id, hidden: nodeHidden(n), borderWidth: marked ? 5 : (n.baseBorder || 1),
               color: marked ? { background: baseColor(n), border: LEGEND.gap_color } : baseColor(n),
               gapMarked: !!marked };
    });
    nodes.update(nodeUpdates);
    edges.update(edges.get().map(function (e) { return { id: e.id, hidden: !!tieOff[e.relType] }; }));
    updateStatus();
  }
  function baseColor(n) { var s = LEGEND.nodes[n.entityType]; return s ? s.color : "#adb5bd"; }

  function buildFilters() {
    var present = {}, ties = {};
    nodes.forEach(function (n) { present[n.entityType] = true; });
    edges.forEach(function (e) { ties[e.relType] = true; });
    fillChecks(document.getElementById("type-filters"), Object.keys(LEGEND.nodes), present, typeOff, typeName,
               function (k) {
                 var sw = el("span", { "class": "glyph" }, GLYPHS[LEGEND.nodes[k].shape] || "●");
                 sw.style.color = LEGEND.nodes[k].color;
                 return sw;
               });
    fillChecks(document.getElementById("tie-filters"), Object.keys(LEGEND.edges), ties, tieOff, tieName,
               function (k) {
                 var sw = el("span", { "class": "line" + (LEGEND.edges[k].dashes ? " dashed" : "") });
                 sw.style.borderColor = LEGEND.edges[k].color;
                 return sw;
               });
    var gapRow = document.getElementById("gap-legend");
    clear(gapRow);
    var gapSw = el("span", { "class": "swatch gap" });
    gapSw.style.borderColor = LEGEND.gap_color;
    gapRow.appendChild(gapSw);
    gapRow.appendChild(el("span", {}, t("gap_marked")));
  }
  /* One row per type or kind: its checkbox (filter), its colour and shape (legend), its name. */
  function fillChecks(box, keys, present, off, name, swatch) {
    clear(box);
    keys.forEach(function (k) {
      var label = el("label", { "class": "legend-row " + (present[k] ? "present" : "absent"), "data-key": k });
      var check = el("input", { type: "checkbox", value: k });
      check.checked = !off[k];
      check.addEventListener("change", function () { off[k] = !check.checked; refreshVisibility(); });
      label.appendChild(check);
      label.appendChild(swatch(k));
      label.appendChild(el("span", {}, name(k)));
      box.appendChild(label);
    });
  }
  function buildGapBox() {
    var gaps = DATA.context && DATA.context.gaps;
    var box = document.getElementById("gap-box");
    if (!gaps) { box.hidden = true; return; }
    box.hidden = false;
    var select = document.getElementById("gap-kind");
    clear(select);
    select.appendChild(el("option", { value: "" }, t("gap_none")));
    Object.keys(LEGEND.gaps).forEach(function (k) {
      var opt = el("option", { value: k }, LEGEND.gaps[k][lang]);
      if (k === gapKind) { opt.selected = true; }
      select.appendChild(opt);
    });
    select.disabled = !gaps.available;
    var summary = document.getElementById("gap-summary");
    clear(summary);
    if (!gaps.available) { summary.textContent = t(gaps.reason || "gap_unavailable"); return; }
    if (gapKind) {
      var marked = gapMarked();
      summary.appendChild(el("strong", {}, t("gap_marked") + ": " + marked.length));
      var list = el("ul", { id: "gap-list" });
      marked.forEach(function (id) { list.appendChild(el("li", { "data-id": id }, nodes.get(id).fullName)); });
      summary.appendChild(list);
    }
  }
  function gapMarked() {
    if (!gapKind) { return []; }
    return nodes.get({ filter: function (n) { return (n.gaps || []).indexOf(gapKind) >= 0; } })
      .map(function (n) { return n.id; }).sort();
  }

  /* ---------- details panel ---------- */
  function link(href, key) {
    var item = el("li", {});
    item.appendChild(el("a", { href: href }, t(key)));
    return item;
  }
  function showDetails(id) {
    selected = id;
    var n = nodes.get(id);
    var body = document.getElementById("panel-body");
    clear(body);
    document.getElementById("panel-hint").hidden = true;
    if (!n) { return; }
    body.appendChild(el("h3", { id: "panel-name" }, n.fullName));
    var dl = el("dl", {});
    function row(k, v) { dl.appendChild(el("dt", {}, k)); dl.appendChild(el("dd", {}, v)); }
    row(t("type"), typeName(n.entityType));
    row(t("id"), id);
    if (n.count !== undefined && n.count !== null) { row(propName("units"), n.count); }
    Object.keys(n.props || {}).forEach(function (k) { row(propName(k), propValue(n.props[k])); });
    if (n.gaps && n.gaps.length) { row(propName("gaps"), n.gaps.map(gapName).join(", ")); }
    body.appendChild(dl);
    var links = el("ul", { "class": "links" });
    var enc = encodeURIComponent(id);
    links.appendChild(link("/view/entity/" + enc, "open_network"));
    if (n.entityType === "Area") {
      links.appendChild(link("/view/area/" + enc, "open_area"));
      links.appendChild(link("/api/gaps/units?area=" + enc + "&by=" + (gapKind || "any") + "&format=xlsx", "gaps"));
      links.appendChild(link("/view/coverage?area=" + enc, "stats"));
    }
    if (n.entityType === "Alliance") {
      links.appendChild(link("/view/alliance/" + enc, "alliance_page"));
      links.appendChild(link("/api/alliances/" + enc + "/members?format=xlsx", "roster_alliance"));
    }
    if (n.entityType === "PartyOrg") {
      links.appendChild(link("/view/committee/" + enc, "committee_page"));
      links.appendChild(link("/api/committees/" + enc + "/seats?format=xlsx", "roster_committee"));
    }
    if (n.entityType === "Unit" || n.entityType === "PartyOrg") {
      links.appendChild(link("/view/entity/" + enc + "?depth=2&types=BELONGS_TO,PARTY_TO", "contracts"));
    }
    if (n.entityType === "Contract") { links.appendChild(link("/view/contract/" + enc, "contract")); }
    var start = pathStart();
    if (start && start.id !== id) {
      links.appendChild(link("/view/path?from=" + encodeURIComponent(start.id) + "&to=" + enc, "path_here"));
    }
    body.appendChild(links);
    var actions = el("div", { "class": "actions" });
    [["expand", function () { expand(id); }], ["collapse", function () { collapse(id); }],
     ["hide", function () { hiddenByUser[id] = true; refreshVisibility(); }],
     ["path_start", function () { setPathStart(id, n.fullName); showDetails(id); }]].forEach(function (a) {
      var b = el("button", { type: "button", id: "btn-" + a[0] }, t(a[0]));
      b.addEventListener("click", a[1]);
      actions.appendChild(b);
    });
    body.appendChild(actions);
    var ties = el("dl", { id: "panel-ties" });
    body.appendChild(ties);
    fetchJSON("/api/entities/" + enc).then(function (e) {
      if (selected !== id || !e || !e.ties) { return; }
      Object.keys(e.ties).forEach(function (k) {
        ties.appendChild(el("dt", {}, tieName(k)));
        ties.appendChild(el("dd", {}, e.ties[k]));
      });
    }).catch(function () { /* details stay as drawn */ });
  }

  /* ---------- path start, kept for the session so it survives moving between pages ---------- */
  function pathStart() {
    try { return JSON.parse(sessionStorage.getItem("orglinks.pathStart") || "null"); } catch (e) { return null; }
  }
  function setPathStart(id, name) {
    try { sessionStorage.setItem("orglinks.pathStart", JSON.stringify({ id: id, name: name })); } catch (e) { /* off */ }
  }

  /* ---------- the logged-in user ---------- */
  function showUser() {
    var user = DATA.context && DATA.context.user;
    var box = document.getElementById("user-info");
    if (!box || !user) { return; }
    var area = user.area_name || user.area_id;
    box.textContent = user.username + " · " + (area ? area : t("user_area_all"));
  }
  function logout() {
    fetch("/api/auth/logout", { method: "POST", credentials: "same-origin" })
      .catch(function () { /* the cookie is dropped either way */ })
      .then(function () { window.location.assign("/login"); });
  }

  /* ---------- expansion ---------- */
  function fetchJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(function (r) {
      if (r.status === 401) {  /* the session ended: log in again, then come back here */
        window.location.assign("/login?next=" + encodeURIComponent(window.location.pathname + window.location.search));
      }
      if (!r.ok) { throw new Error(r.status + " " + url); }
      return r.json();
    });
  }
  function addView(view, origin) {
    var added = [];
    var newNodes = (view.nodes || []).filter(function (n) { return !nodes.get(n.id); }).map(visNode);
    if (newNodes.length && origin) {
      var at = network ? network.getPosition(origin) : { x: 0, y: 0 };
      newNodes.forEach(function (n, i) {
        var angle = 2 * Math.PI * i / newNodes.length;
        n.x = at.x + 150 * Math.cos(angle);
        n.y = at.y + 150 * Math.sin(angle);
      });
    }
    nodes.add(newNodes);
    newNodes.forEach(function (n) { added.push(n.id); });
    var newEdges = (view.edges || []).map(visEdge).filter(function (e) {
      return !edges.get(e.id) && nodes.get(e.from) && nodes.get(e.to);
    });
    edges.add(newEdges);
    return added;
  }
  function expand(id) {
    setBusy(true);
    return fetchJSON("/api/entities/" + encodeURIComponent(id) + "/network?depth=1").then(function (view) {
      var added = addView(view, id);
      expandedBy[id] = (expandedBy[id] || []).concat(added);
      buildFilters();
      refreshVisibility();
      setBusy(false);
      document.body.dataset.lastExpanded = id;
      return added;
    }).catch(function (err) { setBusy(false); status(t("error") + ": " + err.message); });
  }
  function collapse(id) {
    var gone = {};
    (function drop(nodeId) {
      (expandedBy[nodeId] || []).forEach(function (child) {
        if (!gone[child]) { gone[child] = true; drop(child); }
      });
      delete expandedBy[nodeId];
    })(id);
    var ids = Object.keys(gone);
    edges.remove(edges.get({ filter: function (e) { return gone[e.from] || gone[e.to]; } }).map(function (e) { return e.id; }));
    nodes.remove(ids);
    updateStatus();
  }

  /* ---------- search ---------- */
  function searchItems(body) {
    if (Array.isArray(body)) { return body; }
    return body.items || body.results || body.hits || [];
  }
  function setupSearch() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    var timer = null;
    var shown = null;   // the query whose results the list shows
    function run() {
      var q = input.value.trim();
      if (!q) { list.hidden = true; shown = null; return; }
      fetchJSON("/api/search?q=" + encodeURIComponent(q) + "&limit=10").then(function (body) {
        if (input.value.trim() !== q) { return; }   // a later keystroke wins
        shown = q;
        clear(list);
        var items = searchItems(body);
        if (!items.length) { list.appendChild(el("li", { "class": "empty" }, t("no_results"))); }
        items.forEach(function (item) {
          var li = el("li", { "data-id": item.id });
          var a = el("a", { href: "/view/entity/" + encodeURIComponent(item.id) }, item.name || item.label || item.id);
          li.appendChild(a);
          var where = (item.area_path || []).map(function (a) { return a.name; }).join(" / ");
          li.appendChild(el("span", { "class": "kind" }, typeName(item.type) + (where ? " · " + where : "")));
          list.appendChild(li);
        });
        list.hidden = false;
      }).catch(function (err) { status(t("error") + ": " + err.message); });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 200); });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      clearTimeout(timer);
      var first = list.querySelector("a");
      if (!list.hidden && first && shown === input.value.trim()) { window.location.href = first.href; } else { run(); }
    });
  }

  /* ---------- exports ---------- */
  function download(name, href) {
    var a = el("a", { href: href, download: name });
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
  }
  function visibleNodes() { return nodes.get({ filter: function (n) { return !n.hidden; } }); }
  function visibleEdges() {
    var shown = {};
    visibleNodes().forEach(function (n) { shown[n.id] = true; });
    return edges.get({ filter: function (e) { return !e.hidden && shown[e.from] && shown[e.to]; } });
  }
  function csvCell(v) {
    var s = v === undefined || v === null ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }   // CWE-1236: no formula reaches Excel
    return /[",\n\r]/.test(s) ? "\"" + s.replace(/"/g, "\"\"") + "\"" : s;
  }
  function exportCsv() {
    var rows = [["record", "id", "name", "type", "source", "target", "gaps"]];
    visibleNodes().forEach(function (n) { rows.push(["node", n.id, n.fullName, n.entityType, "", "", (n.gaps || []).join(" ")]); });
    visibleEdges().forEach(function (e) { rows.push(["edge", "", e.title, e.relType, e.from, e.to, ""]); });
    var text = "\ufeff" + rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
    download("orglinks.csv", URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" })));
    return text;
  }
  function xml(s) {
    return String(s === undefined || s === null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;" }[c];
    });
  }
  function exportGraphml() {
    var out = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">",
      "<key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>",
      "<key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>",
      "<key id=\"rel\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>",
      "<graph id=\"orglinks\" edgedefault=\"directed\">"];
    visibleNodes().forEach(function (n) {
      out.push("<node id=\"" + xml(n.id) + "\"><data key=\"name\">" + xml(n.fullName) +
               "</data><data key=\"type\">" + xml(n.entityType) + "</data></node>");
    });
    visibleEdges().forEach(function (e) {
      out.push("<edge source=\"" + xml(e.from) + "\" target=\"" + xml(e.to) + "\"><data key=\"rel\">" +
               xml(e.relType) + "</data></edge>");
    });
    out.push("</graph>", "</graphml>");
    var text = out.join("\n");
    download("orglinks.graphml", URL.createObjectURL(new Blob([text], { type: "application/xml" })));
    return text;
  }
  function exportPng() {
    var canvas = document.querySelector("#network canvas");
    if (!canvas) { return ""; }
    var url = canvas.toDataURL("image/png");
    download("orglinks.png", url);
    return url;
  }

  /* ---------- status ---------- */
  function status(text) { document.getElementById("status").textContent = text; }
  function updateStatus() {
    status(visibleNodes().length + " " + t("nodes") + " · " + visibleEdges().length + " " + t("edges"));
  }
  function setBusy(on) { document.body.classList.toggle("busy", on); }
  function markReady() {
    document.body.dataset.readyAt = String(Math.round(performance.now()));
    document.body.dataset.ready = "1";
    updateStatus();
  }

  /* ---------- explorer home: areas to start from, and the progress of the user's area ---------- */
  var SHARE_KINDS = ["contract", "alliance", "committee", "any"];
  var PROGRESS_COUNTS = [["units", "progress_units"], ["alliances", "progress_alliances"],
                         ["big_committees", "progress_big_committees"], ["current_seats", "progress_seats"],
                         ["active_contracts", "progress_contracts"],
                         ["joint_meeting_streets", "progress_joint_streets"],
                         ["joint_meeting_communities", "progress_joint_communities"],
                         ["branches", "progress_branches"], ["party_members", "progress_party_members"]];
  var progress = { state: "loading", stats: null };   // redrawn from here when the language changes

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
  }
  function showStartAreas(home, areas) {
    if (!areas.length) { return; }
    var box = el("div", { id: "start-areas" });
    box.appendChild(el("h2", { "data-i18n": "start_areas" }, t("start_areas")));
    var list = el("ul", {});
    areas.forEach(function (a) {
      var item = el("li", {});
      item.appendChild(el("a", { href: "/view/area/" + encodeURIComponent(a.id), "data-id": a.id }, a.name));
      item.appendChild(el("span", { "class": "kind" }, " " + propValue(a.level || "")));
      list.appendChild(item);
    });
    box.appendChild(list);
    home.appendChild(box);
  }
  /* One stats call: the user's area (no `area=`: the API picks their own, or the only city) by child. */
  function loadProgress(home) {
    home.appendChild(el("section", { id: "progress", "data-state": "loading", "aria-live": "polite" }));
    renderProgress();
    fetchJSON("/api/stats").then(function (stats) {
      progress = { state: "ready", stats: stats };
      renderProgress();
    }).catch(function () {
      progress = { state: "error", stats: null };
      renderProgress();
    });
  }
  /* 25%, 33.3%, and two decimals below 1% (the API's own precision), so 1 unit in 2,104 is not 0%. */
  function percent(share) {
    var p = share * 100;
    return Number(p.toFixed(p >= 1 ? 1 : 2)) + "%";
  }
  function shareBars(counts) {
    var box = el("div", { "class": "shares" });
    SHARE_KINDS.forEach(function (k) {
      var share = counts.shares[k];
      var item = el("div", { "class": "share share-" + k, "data-kind": k, "data-share": String(share),
                             title: t("share_" + k) + ": " + counts["linked_by_" + k] + " / " + counts.units });
      item.appendChild(el("span", { "class": "share-label" }, t("share_" + k)));
      var bar = el("span", { "class": "bar" });
      var filled = el("span", { "class": "fill" });
      filled.style.width = Math.max(0, Math.min(100, share * 100)) + "%";
      bar.appendChild(filled);
      item.appendChild(bar);
      item.appendChild(el("span", { "class": "share-value" }, percent(share)));
      box.appendChild(item);
    });
    return box;
  }
  function progressRow(area, counts, name, asOf) {
    var row = el("tr", { "data-id": area.id || "" });
    var head = el("th", { scope: "row" });
    head.appendChild(area.id ? el("a", { href: "/view/area/" + encodeURIComponent(area.id) }, name) :
                     document.createTextNode(name));
    row.appendChild(head);
    PROGRESS_COUNTS.forEach(function (c) { row.appendChild(el("td", { "data-key": c[0] }, counts[c[0]])); });
    var shares = el("td", { "class": "shares-cell" });
    shares.appendChild(shareBars(counts));
    row.appendChild(shares);
    var links = el("td", { "class": "progress-links" });
    if (area.id) {
      var enc = encodeURIComponent(area.id);
      links.appendChild(el("a", { href: "/view/area/" + enc, "class": "view" }, t("progress_view")));
      links.appendChild(el("a", { href: "/api/gaps/units?area=" + enc + "&by=any&as_of=" + asOf + "&format=xlsx",
                                  "class": "gaps" }, t("progress_gaps")));
    }
    row.appendChild(links);
    return row;
  }
  function renderProgress() {
    var section = document.getElementById("progress");
    if (!section) { return; }
    clear(section);
    section.dataset.state = progress.state;
    section.appendChild(el("h2", {}, t("progress")));
    if (progress.state !== "ready") {
      section.appendChild(el("p", { "class": "progress-note" },
                             t(progress.state === "error" ? "progress_error" : "progress_loading")));
      return;
    }
    var stats = progress.stats;
    var areaName = stats.area.id ? stats.area.name : t("user_area_all");
    section.appendChild(el("p", { "class": "progress-of" }, fill(t("progress_of"), { area: areaName, as_of: stats.as_of })));
    var table = el("table", {});
    var headRow = el("tr", {});
    headRow.appendChild(el("th", { scope: "col" }, t("progress_area")));
    PROGRESS_COUNTS.forEach(function (c) { headRow.appendChild(el("th", { scope: "col" }, t(c[1]))); });
    headRow.appendChild(el("th", { scope: "col" }, t("progress_shares")));
    headRow.appendChild(el("th", { scope: "col" }, t("progress_links")));
    var thead = el("thead", {});
    thead.appendChild(headRow);
    table.appendChild(thead);
    var body = el("tbody", {});
    stats.children.forEach(function (c) { body.appendChild(progressRow(c.area, c, c.area.name, stats.as_of)); });
    table.appendChild(body);
    var foot = el("tfoot", {});
    var total = progressRow(stats.area, stats.total, areaName + " · " + t("progress_total"), stats.as_of);
    total.classList.add("total");
    foot.appendChild(total);
    table.appendChild(foot);
    section.appendChild(table);
    if (!stats.children.length) { section.appendChild(el("p", { "class": "progress-note" }, t("progress_none"))); }
    var query = (stats.area.id ? "area=" + encodeURIComponent(stats.area.id) + "&" : "") + "as_of=" + stats.as_of;
    section.appendChild(el("a", { href: "/api/stats?" + query + "&format=xlsx", id: "progress-export" },
                           t("progress_export")));
  }

  /* ---------- start ---------- */
  function start() {
    var view = DATA.view;
    var physics = !view || view.physics;
    if (view) {
      nodes.add(view.nodes.map(function (n) { n.id = String(n.id); return n; }));
      edges.add(view.edges.map(function (e) { e.id = edgeId(e.from, e.to, e.relType); return e; }));
    }
    var container = document.getElementById("network");
    network = new vis.Network(container, { nodes: nodes, edges: edges }, {
      autoResize: true,
      nodes: { size: 14, font: { size: 13, face: "Noto Sans CJK SC, sans-serif" }, borderWidth: 1,
               scaling: { min: 14, max: 40 } },
      edges: { arrows: { to: { enabled: true, scaleFactor: 0.4 } }, smooth: false, width: 1 },
      physics: { enabled: physics, solver: "forceAtlas2Based",
                 stabilization: { enabled: true, iterations: 200, updateInterval: 50 } },
      interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: !physics, multiselect: false },
      layout: { improvedLayout: nodes.length <= 150 }
    });
    network.on("click", function (p) { if (p.nodes.length) { showDetails(String(p.nodes[0])); } });
    network.on("doubleClick", function (p) { if (p.nodes.length) { expand(String(p.nodes[0])); } });
    if (physics && nodes.length) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        network.fit();
        markReady();
      });
    } else {
      network.once("afterDrawing", markReady);
      network.fit();
      network.redraw();
    }
    document.getElementById("btn-fit").addEventListener("click", function () { network.fit(); });
    document.getElementById("btn-show-all").addEventListener("click", function () {
      hiddenByUser = {}; typeOff = {}; tieOff = {}; buildFilters(); refreshVisibility();
    });
    document.getElementById("btn-png").addEventListener("click", exportPng);
    document.getElementById("btn-csv").addEventListener("click", exportCsv);
    document.getElementById("btn-graphml").addEventListener("click", exportGraphml);
    document.getElementById("btn-lang").addEventListener("click", function () {
      lang = lang === "zh" ? "en" : "zh";
      try { localStorage.setItem("orglinks.lang", lang); } catch (e) { /* private mode */ }
      applyLang();
    });
    document.getElementById("btn-logout").addEventListener("click", logout);
    document.getElementById("gap-kind").addEventListener("change", function (ev) {
      gapKind = ev.target.value;
      refreshVisibility();
      buildGapBox();
    });
    setupSearch();
    applyLang();
    var subject = DATA.context && DATA.context.subject;
    if (subject && nodes.get(subject)) {
      nodes.update({ id: subject, size: 24, font: { size: 16 }, baseBorder: 3, borderWidth: 3 });
      showDetails(subject);
    }
    var target = DATA.context && DATA.context.target;
    if (target && nodes.get(target)) {
      nodes.update({ id: target, size: 24, font: { size: 16 }, baseBorder: 3, borderWidth: 3 });
    }
    if (document.body.dataset.page === "home") {
      var home = el("div", { id: "home" });
      container.appendChild(home);
      showStartAreas(home, (DATA.context && DATA.context.start_areas) || []);
      loadProgress(home);
    }
    if (!view && !nodes.length) {
      document.getElementById("panel-hint").textContent = t("search_hint");
      document.getElementById("panel-hint").dataset.i18n = "search_hint";
      document.getElementById("search-input").focus();
      markReady();
    }
    window.orglinks = { network: network, nodes: nodes, edges: edges, expand: expand, collapse: collapse,
                        gapMarked: gapMarked, exportCsv: exportCsv, csvCell: csvCell, exportGraphml: exportGraphml,
                        exportPng: exportPng };
  }

  start();
})();
