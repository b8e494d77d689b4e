/* The frame every page shares (visualize/templates/base.html): the header's search, language switch,
   user and logout. A page's own module imports startFrame() first, then draws its part. */
import { getJSON } from "./api.js";
import { clear, el } from "./dom.js";
import { onLangChange, t, toggleLang } from "./i18n.js";
import { setupSearch } from "./search.js";

function frameData() {
  const island = document.getElementById("orglinks-frame");
  return island ? JSON.parse(island.textContent) : {};
}

function showUser(user) {
  const box = document.getElementById("user-info");
  if (!box) { return; }
  clear(box);
  if (!user) { return; }
  const place = user.place_name || user.place_id;
  box.textContent = user.username + " · " + (place ? place : t("user_area_all"));
}

async function logout() {
  try {
    await fetch("/api/auth/logout", { method: "POST", credentials: "same-origin" });
  } catch (e) { /* the cookie is dropped either way */ }
  window.location.assign("/login");
}

/* The number of decisions waiting on the user (待办), beside the navigation's link to the list; only
   for accounts that may decide, and not on an error page (the app may be down). */
async function showTodoCount(user) {
  const link = document.querySelector('#nav a[href="/view/todo"]');
  if (!link || !user || user.role === "viewer" || document.body.dataset.page === "error") { return; }
  let answer;
  try { answer = await getJSON("/api/todo"); } catch (e) { return; }
  if (!answer.count) { return; }
  const badge = el("span", { id: "todo-badge", class: "nav-badge", "data-count": String(answer.count) },
    String(answer.count));
  const label = () => badge.setAttribute("title", t("todo_badge", { n: answer.count }));
  label();
  onLangChange(label);
  link.after(badge);
}

/* Wire the header; returns the frame's data ({user, ...}). */
export function startFrame() {
  const frame = frameData();
  const lang = document.getElementById("btn-lang");
  if (lang) { lang.addEventListener("click", toggleLang); }
  const out = document.getElementById("btn-logout");
  if (out) { out.addEventListener("click", logout); }
  setupSearch();
  showUser(frame.user);
  onLangChange(() => showUser(frame.user));
  showTodoCount(frame.user);
  return frame;
}

/* A link whose words follow the language. */
export function wordLink(href, key, attrs) {
  return el("a", Object.assign({ href: href, "data-i18n": key }, attrs || {}), t(key));
}
