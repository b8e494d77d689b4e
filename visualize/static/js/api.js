/* Requests to the app's own API: JSON in and out, the session cookie, and a return to the login page
   (then back here) when the session has ended. */

export class ApiError extends Error {
  constructor(status, url) {
    super(status + " " + url);
    this.status = status;
  }
}

function toLogin() {
  const here = window.location.pathname + window.location.search;
  window.location.assign("/login?next=" + encodeURIComponent(here));
}

async function send(url, init) {
  const response = await fetch(url, Object.assign({ credentials: "same-origin" }, init));
  if (response.status === 401) { toLogin(); }
  if (!response.ok) { throw new ApiError(response.status, url); }
  return response;
}

export async function getJSON(url) {
  const response = await send(url, { headers: { Accept: "application/json" } });
  return response.json();
}

export async function postJSON(url, body) {
  const response = await send(url, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return response.json();
}

/* Save a URL (a blob or data URL, or a link on this site) as a file. */
export function saveAs(href, filename) {
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  document.body.removeChild(a);
}

/* POST `body` as JSON and save what comes back as a file (an export written by the server). */
export async function download(url, body, filename) {
  const response = await send(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  saveAs(href, filename);
  setTimeout(() => URL.revokeObjectURL(href), 10000);
  return blob;
}
