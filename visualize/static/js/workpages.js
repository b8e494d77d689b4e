/* The work pages' language switch: Chinese as rendered, English from the strings in the page's JSON
   island. Elements with data-i18n take the string of that key ({n} filled from data-n); elements with
   data-en show that text in English. The choice is the explorer's (localStorage "orglinks.lang"). */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("work-data").textContent);
  var I18N = DATA.i18n;

  function readLang() {
    try { return localStorage.getItem("orglinks.lang") === "en" ? "en" : "zh"; } catch (e) { return "zh"; }
  }
  function fill(text, names) {
    Object.keys(names || {}).forEach(function (k) { text = text.split("{" + k + "}").join(String(names[k])); });
    return text;
  }
  function t(key, lang) { return (I18N[lang || window.orglinksWork.lang] || {})[key] || I18N.zh[key] || key; }

  function apply(lang) {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("[data-i18n]").forEach(function (node) {
      node.textContent = fill(t(node.getAttribute("data-i18n"), lang), { n: node.getAttribute("data-n") || "" });
    });
    document.querySelectorAll("[data-en]").forEach(function (node) {
      if (!node.hasAttribute("data-zh")) { node.setAttribute("data-zh", node.textContent); }
      node.textContent = lang === "en" && node.getAttribute("data-en") ? node.getAttribute("data-en")
                                                                      : node.getAttribute("data-zh");
    });
    var title = fill(t(DATA.title[0], lang), DATA.title[1]);
    document.getElementById("page-title").textContent = title;
    document.title = title + " · " + t("app", lang);
    document.dispatchEvent(new CustomEvent("orglinks:lang", { detail: lang }));
  }

  window.orglinksWork = { lang: readLang(), t: function (key) { return t(key); }, fill: fill, data: DATA };
  document.getElementById("btn-lang").addEventListener("click", function () {
    var lang = window.orglinksWork.lang === "zh" ? "en" : "zh";
    window.orglinksWork.lang = lang;
    try { localStorage.setItem("orglinks.lang", lang); } catch (e) { /* private mode */ }
    apply(lang);
  });
  if (window.orglinksWork.lang !== "zh") { apply(window.orglinksWork.lang); }
}());
