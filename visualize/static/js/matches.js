/* The matches page: open needs with their ranked providers, the reasons, and a path to each. */
import { DATA, t, el, fillOptions, listPage, onLang, start } from "./workbench.js";

const COLUMNS = ["col_matches_need_title", "col_matches_raiser_name", "col_matches_provider_name",
                 "col_matches_resource_title", "col_matches_reasons", "col_matches_score"];

function reasonText(item, code) {
  return t("reason_" + code, { n: item.projects });
}

function matchRow(item, index, items) {
  const row = el("tr", { "data-need": item.need_id, "data-provider": item.provider_id,
                         "data-resource": item.resource_id });
  if (item.other_street) { row.classList.add("other-street"); }
  const need = el("td", { "class": "need" });
  need.appendChild(el("strong", {}, item.need_title || item.need_id));
  need.appendChild(el("div", { "class": "muted" }, (item.category ? t("cat_" + item.category) : "") +
                      (item.need_community ? " · " + item.need_community : "")));
  row.appendChild(need);
  row.appendChild(el("td", {}, item.raiser_name || item.raiser_id));
  const provider = el("td", { "class": "provider" });
  provider.appendChild(el("strong", {}, item.provider_name || item.provider_id));
  if (item.other_street) { provider.appendChild(el("span", { "class": "badge" }, t("other_street"))); }
  provider.appendChild(el("div", { "class": "muted" },
                          [item.provider_street, item.provider_community].filter(Boolean).join(" · ")));
  const path = el("a", { "class": "path", href: "/view/path?from=" + encodeURIComponent(item.raiser_id) +
                                                 "&to=" + encodeURIComponent(item.provider_id) }, t("path_link"));
  provider.appendChild(path);
  row.appendChild(provider);
  row.appendChild(el("td", {}, item.resource_title || item.resource_id));
  const reasons = el("td", { "class": "reasons" });
  item.reason_codes.forEach((code) => {
    reasons.appendChild(el("span", { "class": "chip chip-" + code, "data-code": code }, reasonText(item, code)));
  });
  row.appendChild(reasons);
  row.appendChild(el("td", { "class": "score" }, item.score));
  return row;
}

start(() => {
  const categories = document.getElementById("f-category");
  const label = () => fillOptions(categories, DATA.categories, (c) => "cat_" + c, "all");
  label();
  onLang(label);
  return listPage({ api: "/api/matches", fields: ["category"], pageSize: 50, columns: COLUMNS, row: matchRow });
});
