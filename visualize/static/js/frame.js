/* The frame every page shares (visualize/templates/base.html): the header's search, language switch,
   user and logout. A page's own module imports startFrame() first, then draws its part. */
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
  const area = user.area_name || user.area_id;
  box.textContent = user.username + " · " + (area ? area : t("user_area_all"));
}

async function logout() {
  try {
    await fetch("/api/auth/logout", { method: "POST", credentials: "same-origin" });
  } catch (e) { /* the cookie is dropped either way */ }
  window.location.assign("/login");
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
  return frame;
}

/* A link whose words follow the language. */
export function wordLink(href, key, attrs) {
  return el("a", Object.assign({ href: href, "data-i18n": key }, attrs || {}), t(key));
}
