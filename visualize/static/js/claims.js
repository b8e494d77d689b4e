/* The claim hall: the area's open needs and offered resources ranked for the viewer (with the matcher's
   reasons), a claim form in a dialog, and the viewer's own claims in a second tab. */
import { getJSON } from "./api.js";
import { sendStep } from "./claim-send.js";
import { DATA, t, el, clear, fillOptions, listPage, onLang, start } from "./workbench.js";

const COLUMNS = ["col_hall_title", "col_hall_owner_name", "col_hall_place", "col_hall_reasons",
                 "col_hall_pending", "col_hall_score", "hall_action"];
const KINDS = ["need", "resource"];
const STATUSES = ["pending", "approved", "rejected", "withdrawn"];
let claimants = null;
let claiming = null;
let list = null;

function reasonText(item, code) { return t("reason_" + code, { n: item.projects }); }

function hallRow(item) {
  const row = el("tr", { "data-id": item.id, "data-kind": item.kind });
  const what = el("td", { "class": "need" });
  what.appendChild(el("span", { "class": "kind kind-" + item.kind }, t("claim_kind_" + item.kind)));
  what.appendChild(el("strong", {}, item.title || item.id));
  what.appendChild(el("div", { "class": "muted" }, item.category ? t("cat_" + item.category) : ""));
  row.appendChild(what);
  row.appendChild(el("td", {}, item.owner_name || item.owner));
  row.appendChild(el("td", {}, item.place || ""));
  const reasons = el("td", { "class": "reasons" });
  if (!item.reason_codes.length) { reasons.appendChild(el("span", { "class": "muted" }, t("hall_no_match"))); }
  item.reason_codes.forEach((code) => {
    reasons.appendChild(el("span", { "class": "chip chip-" + code, "data-code": code }, reasonText(item, code)));
  });
  if (item.match_name && !DATA.unit) {
    reasons.appendChild(el("div", { "class": "muted" }, t("hall_best_" + item.kind, { name: item.match_name })));
  }
  row.appendChild(reasons);
  row.appendChild(el("td", { "class": "num" }, String(item.pending)));
  row.appendChild(el("td", { "class": "score" }, String(item.score)));
  const act = el("td", { "class": "act" });
  if (item.mine) {
    act.appendChild(el("span", { "class": "badge" }, t("hall_claimed_by_you")));
  } else if (DATA.can_claim && !(DATA.unit && item.kind === "resource")) {
    const button = el("button", { type: "button", "class": "claim-btn" }, t("hall_claim"));
    button.addEventListener("click", () => openClaim(item));
    act.appendChild(button);
  }
  row.appendChild(act);
  return row;
}

/* ---------- the claim form ---------- */
async function loadClaimants() {
  if (claimants) { return claimants; }
  const area = DATA.area && DATA.area.id ? "?area=" + encodeURIComponent(DATA.area.id) : "";
  claimants = await getJSON("/api/claims/claimants" + area);
  return claimants;
}

async function openClaim(item) {
  claiming = item;
  const dialog = document.getElementById("claim-dialog");
  document.getElementById("claim-what").textContent = t("claim_dialog_" + item.kind, { title: item.title || item.id });
  document.getElementById("claim-error").textContent = "";
  const select = document.getElementById("c-claimant");
  clear(select);
  const all = await loadClaimants();
  // A need is claimed by a unit (or its party org); a resource by a community's party org.
  const fit = all.filter((c) => (item.kind === "need" ? c.type !== "community" : c.type === "community"));
  fit.forEach((c) => select.appendChild(el("option", { value: c.id }, c.name || c.id)));
  if (!fit.length) { document.getElementById("claim-error").textContent = t("claim_no_claimant"); }
  const today = DATA.today;
  const startInput = document.getElementById("c-start");
  const endInput = document.getElementById("c-end");
  if (!startInput.value) { startInput.value = today; }
  if (!endInput.value) { endInput.value = today.slice(0, 4) + "-12-31"; }
  dialog.showModal();
  document.body.dataset.dialog = "open";
}

async function submitClaim(ev) {
  ev.preventDefault();
  const form = document.getElementById("claim-form");
  const body = {
    claimant: form.elements.claimant.value,
    plan: form.elements.plan.value,
    start: form.elements.start.value,
    end: form.elements.end.value,
  };
  body[claiming.kind] = claiming.id;
  const error = document.getElementById("claim-error");
  if (!body.plan.trim()) { error.textContent = t("claim_plan_needed"); return; }
  if (body.end < body.start) { error.textContent = t("claim_end_before_start"); return; }
  try {
    const made = await sendStep("/api/claims", body);
    window.location.assign("/view/claim/" + encodeURIComponent(made.id));
  } catch (err) {
    error.textContent = t("claim_refused") + ": " + err.message;
  }
}

function closeClaim() {
  document.getElementById("claim-dialog").close();
  document.body.dataset.dialog = "closed";
}

/* ---------- publishing: a resource (a unit account for its unit; an editor for a unit of the area) or a
   need (an editor for a community's party org of the area) ---------- */
const PUBLISH = {
  resource: { api: "/api/resources", owner: "provider", owners: (c) => c.type !== "community", words: "offer" },
  need: { api: "/api/needs", owner: "raiser", owners: (c) => c.type === "community", words: "raise" },
};
let publishing = PUBLISH.resource;

function setWords(id, key) {
  const node = document.getElementById(id);
  node.dataset.i18n = key;
  node.textContent = t(key);
}

async function openPublish(kind) {
  publishing = PUBLISH[kind];
  const words = publishing.words;
  setWords("o-heading", words + "_title");
  setWords("o-owner-label", words + "_provider");
  setWords("o-what-label", words + "_what");
  setWords("o-submit", words + "_submit");
  const select = document.getElementById("o-provider");
  clear(select);
  const all = await loadClaimants();
  all.filter(publishing.owners).forEach((c) => select.appendChild(el("option", { value: c.id }, c.name || c.id)));
  fillOptions(document.getElementById("o-category"), DATA.categories, (c) => "cat_" + c);
  document.getElementById("offer-error").textContent = "";
  document.getElementById("offer-dialog").showModal();
}

async function submitPublish(ev) {
  ev.preventDefault();
  const form = document.getElementById("offer-form");
  const title = form.elements.title.value.trim();
  const body = { [publishing.owner]: form.elements.owner.value, title, category: form.elements.category.value };
  const error = document.getElementById("offer-error");
  if (!title) { error.textContent = t(publishing.words + "_title_needed"); return; }
  try {
    await sendStep(publishing.api, body);
    document.getElementById("offer-dialog").close();
    document.getElementById("offer-done").textContent = t(publishing.words + "_done", { title });
    form.reset();
    if (list) { list.load(); }
  } catch (err) {
    error.textContent = t("claim_refused") + ": " + err.message;
  }
}

/* ---------- my claims ---------- */
const MINE_COLUMNS = ["mine_item", "claim_claimant", "claim_state", "claim_term", "claim_made", "claim_decided"];

/* A stored UTC time as its day in Beijing time (the pages' time zone), YYYY-MM-DD. */
const BEIJING_DAY = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" });
function day(value) { return value ? BEIJING_DAY.format(new Date(value)) : ""; }

async function loadMine() {
  const side = document.getElementById("f-side").value;
  const status = document.getElementById("f-status").value;
  const params = new URLSearchParams({ side });
  if (status) { params.set("status", status); }
  const table = document.getElementById("mine-table");
  const rows = await getJSON("/api/claims/mine?" + params.toString());
  const head = el("tr", {});
  MINE_COLUMNS.forEach((key) => head.appendChild(el("th", { scope: "col" }, t(key))));
  clear(table.querySelector("thead"));
  table.querySelector("thead").appendChild(head);
  const body = table.querySelector("tbody");
  clear(body);
  rows.forEach((c) => {
    const row = el("tr", { "data-id": c.id, "data-status": c.status });
    const item = el("td", {});
    item.appendChild(el("span", { "class": "kind kind-" + c.kind }, t("claim_kind_" + c.kind)));
    item.appendChild(el("a", { href: "/view/claim/" + encodeURIComponent(c.id) }, c.item_title || c.item));
    item.appendChild(el("div", { "class": "muted" }, c.owner_name || ""));
    row.appendChild(item);
    row.appendChild(el("td", {}, c.claimant_name || c.claimant));
    const state = el("td", {});
    state.appendChild(el("span", { "class": "state state-" + c.status }, t("claim_status_" + c.status)));
    row.appendChild(state);
    row.appendChild(el("td", {}, c.start + " – " + c.end));
    row.appendChild(el("td", {}, day(c.created_at)));
    row.appendChild(el("td", {}, day(c.decided_at)));
    body.appendChild(row);
  });
  if (!rows.length) {
    const row = el("tr", { "class": "empty" });
    row.appendChild(el("td", { colspan: String(MINE_COLUMNS.length) }, t("no_rows")));
    body.appendChild(row);
  }
  document.body.dataset.mine = String(rows.length);
}

function showTab(which) {
  const mine = which === "mine";
  document.getElementById("pane-hall").hidden = mine;
  document.getElementById("pane-mine").hidden = !mine;
  document.getElementById("wb-controls").hidden = mine;
  document.getElementById("tab-hall").setAttribute("aria-selected", String(!mine));
  document.getElementById("tab-mine").setAttribute("aria-selected", String(mine));
  if (mine) { loadMine(); }
}

function labels() {
  const kinds = document.getElementById("f-kind");
  fillOptions(kinds, DATA.unit ? ["need"] : KINDS, (k) => "hall_kind_" + k, DATA.unit ? null : "all");
  if (DATA.unit) { kinds.value = "need"; }
  fillOptions(document.getElementById("f-category"), DATA.categories, (c) => "cat_" + c, "all");
  fillOptions(document.getElementById("f-side"), ["made", "received"], (s) => "mine_side_" + s);
  fillOptions(document.getElementById("f-status"), STATUSES, (s) => "claim_status_" + s, "all");
  const areas = document.getElementById("f-area");
  const chosen = areas.value || (DATA.area && DATA.area.id) || "";
  clear(areas);
  DATA.areas.forEach((a) => areas.appendChild(el("option", { value: a.id }, a.name || a.id)));
  areas.value = chosen;
  document.getElementById("hall-hint").textContent = DATA.unit ? t("hall_hint_unit", { unit: DATA.unit.name || DATA.unit.id }) : t("hall_hint");
}

start(() => {
  labels();
  if (!document.getElementById("f-side").value) { document.getElementById("f-side").value = "made"; }
  onLang(() => { labels(); if (!document.getElementById("pane-mine").hidden) { loadMine(); } });
  document.getElementById("f-area").addEventListener("change", (ev) => {
    window.location.assign("/view/claims?area=" + encodeURIComponent(ev.target.value));
  });
  document.getElementById("tab-hall").addEventListener("click", () => showTab("hall"));
  document.getElementById("tab-mine").addEventListener("click", () => showTab("mine"));
  document.getElementById("f-side").addEventListener("change", loadMine);
  document.getElementById("f-status").addEventListener("change", loadMine);
  document.getElementById("claim-form").addEventListener("submit", submitClaim);
  document.getElementById("c-cancel").addEventListener("click", closeClaim);
  const offer = document.getElementById("btn-offer");
  offer.hidden = !DATA.can_claim;
  offer.addEventListener("click", () => openPublish("resource"));
  const raise = document.getElementById("btn-raise");
  raise.hidden = !DATA.can_raise;
  raise.addEventListener("click", () => openPublish("need"));
  document.getElementById("offer-form").addEventListener("submit", submitPublish);
  document.getElementById("o-cancel").addEventListener("click", () => document.getElementById("offer-dialog").close());
  if (new URLSearchParams(window.location.search).get("tab") === "mine") { showTab("mine"); }
  list = listPage({ api: "/api/claims/hall", fields: ["kind", "category", "q"], pageSize: 50,
                    columns: COLUMNS, row: hallRow });
  return list;
});
