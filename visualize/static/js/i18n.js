/* Interface words in Chinese and English, from the page's i18n island (visualize/static/i18n.json).
   Names from the data are never translated; only the interface is. Elements carry their word's key:
   data-i18n (text), data-i18n-placeholder, data-i18n-title, data-i18n-aria-label, and data-i18n-args
   (a JSON object of values for {name}-style slots). */

const island = JSON.parse(document.getElementById("orglinks-i18n").textContent);
const STRINGS = { zh: island.zh, en: island.en };
const VOCAB = island.vocab || { zh: {}, en: {} };
const KEY = "orglinks.lang";
const listeners = [];
let lang = readLang();

function readLang() {
  try { return localStorage.getItem(KEY) === "en" ? "en" : "zh"; } catch (e) { return "zh"; }
}

export function getLang() { return lang; }

/* Fill {slot}s of a template from values; unknown slots stay as they are. */
export function fill(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (m, k) => (values && values[k] !== undefined ? values[k] : m));
}

/* The word of `key` in the current language (Chinese if English lacks it), slots filled from `values`. */
export function t(key, values) {
  const text = (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.zh[key] || key;
  return values ? fill(text, values) : text;
}

/* A stored code (level, kind, status, …) as a word of the current language. */
export function word(code) {
  const s = String(code);
  if (lang === "en") { return STRINGS.en["code_" + s] || s.replace(/_/g, " "); }
  return (VOCAB.zh || {})[s] || s;
}

/* "N nodes · M links" and the like: a count with its noun, in the current language. */
export function count(n, key) { return t(key, { n: n }); }

function args(node) {
  try { return JSON.parse(node.dataset.i18nArgs || "null"); } catch (e) { return null; }
}

/* Re-word every element under `root` that names its key. */
export function translate(root) {
  const scope = root || document;
  scope.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = t(n.dataset.i18n, args(n)); });
  scope.querySelectorAll("[data-i18n-placeholder]").forEach((n) => {
    n.setAttribute("placeholder", t(n.dataset.i18nPlaceholder));
  });
  scope.querySelectorAll("[data-i18n-title]").forEach((n) => { n.setAttribute("title", t(n.dataset.i18nTitle)); });
  scope.querySelectorAll("[data-i18n-aria-label]").forEach((n) => {
    n.setAttribute("aria-label", t(n.dataset.i18nAriaLabel, args(n)));
  });
}

function apply() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  translate(document);
  const title = document.getElementById("page-title");
  document.title = (title ? title.textContent + " · " : "") + t("app");
}

/* Called with no argument whenever the language changes (after the static words are re-worded). */
export function onLangChange(callback) { listeners.push(callback); }

export function setLang(next) {
  lang = next === "en" ? "en" : "zh";
  try { localStorage.setItem(KEY, lang); } catch (e) { /* private mode: the choice lasts for this page */ }
  apply();
  listeners.forEach((cb) => cb());
}

export function toggleLang() { setLang(lang === "zh" ? "en" : "zh"); }

apply();
