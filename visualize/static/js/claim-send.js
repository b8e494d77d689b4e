/* Posting a claim step to /api/claims: JSON in, and on a refusal the server's own words (its `detail`,
   which names the field or the state) rather than a bare status. */

export class StepError extends Error {
  constructor(status, detail) {
    super(detail || String(status));
    this.status = status;
  }
}

function detailText(detail) {
  if (typeof detail === "string") { return detail; }
  if (Array.isArray(detail)) {
    return detail.map((d) => (d.loc ? d.loc.slice(1).join(".") + ": " : "") + (d.msg || "")).join("; ");
  }
  return "";
}

export async function sendStep(url, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: JSON.stringify(body || {}),
  });
  if (response.status === 401) {
    window.location.assign("/login?next=" + encodeURIComponent(window.location.pathname + window.location.search));
  }
  const text = await response.text();
  const answer = text ? JSON.parse(text) : {};
  if (!response.ok) { throw new StepError(response.status, detailText(answer.detail)); }
  return answer;
}
