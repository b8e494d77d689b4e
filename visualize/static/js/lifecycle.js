/* The contract and project pages: the frame and codes of the work pages, and the steps their buttons
   take (sign, terminate, renew a contract; start, complete, rate a project). Each posts to the API and
   reloads the page, which then shows the new state and its history; a refusal is shown in words. */
import "./workpages.js";
import { ApiError } from "./api.js";
import { t } from "./i18n.js";

const errorBox = document.getElementById("action-error");

function showError(error, detail) {
  const status = error instanceof ApiError ? error.status : 0;
  const key = [403, 404, 409, 422].includes(status) ? "act_failed_" + status : "act_failed";
  const text = t(key) + (status === 422 && detail ? detail : "");
  if (errorBox) {
    errorBox.textContent = text;
    errorBox.hidden = false;
  } else {
    window.alert(text);
  }
}

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    let detail = "";
    try {
      const answer = await response.json();
      detail = typeof answer.detail === "string" ? answer.detail : "";
    } catch (_) { /* not JSON */ }
    showError(new ApiError(response.status, url), detail);
    return false;
  }
  return true;
}

function formBody(form) {
  const body = {};
  new FormData(form).forEach((value, key) => {
    const text = String(value).trim();
    if (text) { body[key] = key === "rating" ? Number(text) : text; }
  });
  return body;
}

function contractUrl() {
  const id = document.getElementById("contract-id").textContent.trim();
  return "/api/contracts/" + encodeURIComponent(id) + "/";
}

document.querySelectorAll("form[data-action]").forEach((form) => {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const action = form.dataset.action;
    const response = await post(contractUrl() + action, formBody(form));
    if (response) { window.location.reload(); }
  });
});

function projectUrl(node) {
  const row = node.closest("[data-project]");
  return "/api/projects/" + encodeURIComponent(row.dataset.project) + "/";
}

document.querySelectorAll("button.project-step").forEach((button) => {
  button.addEventListener("click", async () => {
    button.disabled = true;
    if (await post(projectUrl(button) + button.dataset.step, {})) { window.location.reload(); }
    button.disabled = false;
  });
});

document.querySelectorAll("form.rate-form").forEach((form) => {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = Object.assign({ comment: "" }, formBody(form));
    if (await post(projectUrl(form) + "rate", body)) { window.location.reload(); }
  });
});

document.body.dataset.actions = "1";
