/* The structural gaps page: counts by kind (a click filters the table), the table, and its export. */
import { getLang } from "./i18n.js";
import { DATA, t, el, clear, fillOptions, listPage, onLang, start } from "./workbench.js";

const COLUMNS = ["col_areas_kind_label", "col_areas_id", "col_areas_name", "col_areas_district",
                 "col_areas_street", "col_areas_community", "col_areas_detail", "col_areas_expires"];
let list = null;

function gapRow(item) {
  const row = el("tr", { "data-id": item.id, "data-kind": item.kind });
  const detail = getLang() === "en" ? item.detail_en : item.detail;
  [t("gap_" + item.kind), item.id, item.name, item.district, item.street, item.community, detail,
   item.expires].forEach((v) => row.appendChild(el("td", {}, v === null || v === undefined ? "" : v)));
  return row;
}

function drawCounts(body) {
  const box = document.getElementById("gap-counts");
  clear(box);
  let total = 0;
  DATA.gap_kinds.forEach((kind) => {
    const count = body.counts[kind] || 0;
    total += count;
    const item = el("li", { "data-kind": kind, "data-count": String(count), "class": count ? "some" : "none" });
    const button = el("button", { type: "button" });
    button.appendChild(el("strong", {}, count));
    button.appendChild(el("span", {}, t("gap_" + kind)));
    button.addEventListener("click", () => list.setFilter("kind", kind));
    item.appendChild(button);
    box.appendChild(item);
  });
  const all = el("li", { "data-kind": "", "data-count": String(total), "class": "total" });
  const button = el("button", { type: "button" });
  button.appendChild(el("strong", {}, total));
  button.appendChild(el("span", {}, t("count_total")));
  button.addEventListener("click", () => list.setFilter("kind", ""));
  all.appendChild(button);
  box.appendChild(all);
}

start(() => {
  const kinds = document.getElementById("f-kind");
  const label = () => fillOptions(kinds, DATA.gap_kinds, (k) => "gap_" + k, "all");
  label();
  onLang(label);
  list = listPage({
    api: "/api/gaps/areas",
    fields: ["kind", "expiring_within_days"],
    pageSize: 50,
    columns: COLUMNS,
    row: gapRow,
    after: drawCounts,
  });
  return list;
});
