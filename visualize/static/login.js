/* orglinks login page: posts the form to /api/auth/login as JSON (the session cookie comes back
   HttpOnly), then goes to the page the user asked for. No inline script (the pages' CSP forbids it). */
(function () {
  "use strict";

  var I18N = JSON.parse(document.getElementById("orglinks-i18n").textContent);
  var lang = readLang();
  var form = document.getElementById("login-form");
  var error = document.getElementById("login-error");

  function readLang() {
    try { return localStorage.getItem("orglinks.lang") === "en" ? "en" : "zh"; } catch (e) { return "zh"; }
  }
  function t(key) { return (I18N[lang] && I18N[lang][key]) || I18N.zh[key] || key; }
  function applyLang() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("[data-i18n]").forEach(function (n) { n.textContent = t(n.dataset.i18n); });
    document.title = t("login_title") + " · " + t("app");
  }
  /* Only a path on this site, judged as the browser will read it: tabs and newlines dropped,
     backslashes as slashes, so neither "//host", "/<tab>/host", "/\\host" nor "https://…" can send
     anyone away. Then the URL is resolved and must keep this page's origin. */
  function nextUrl() {
    var next = (form.dataset.next || "/")
      .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "")
      .replace(/[\t\r\n]/g, "")
      .replace(/\\/g, "/");
    if (!/^\/(?!\/)/.test(next)) { return "/"; }
    try {
      var url = new URL(next, window.location.origin);
      return url.origin === window.location.origin ? url.pathname + url.search + url.hash : "/";
    } catch (e) {
      return "/";
    }
  }
  function showError(key) {
    error.textContent = t(key);
    error.hidden = false;
  }

  document.getElementById("btn-lang").addEventListener("click", function () {
    lang = lang === "zh" ? "en" : "zh";
    try { localStorage.setItem("orglinks.lang", lang); } catch (e) { /* private mode */ }
    applyLang();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    error.hidden = true;
    var body = JSON.stringify({
      username: document.getElementById("login-username").value,
      password: document.getElementById("login-password").value
    });
    fetch("/api/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      credentials: "same-origin",
      body: body
    }).then(function (r) {
      if (r.ok) { window.location.assign(nextUrl()); return; }
      showError(r.status === 401 || r.status === 429 || r.status === 422 ? "login_failed" : "login_error");
    }).catch(function () { showError("login_error"); });
  });
  applyLang();
})();
