/* One claim's page: the approve / reject (with a reason) / withdraw buttons the server drew for this
   viewer post the step, then the page reloads with the new state and its history. */
import { sendStep } from "./claim-send.js";
import { pageData } from "./dom.js";
import { t } from "./i18n.js";
import { showCodes } from "./workpages.js";

const DATA = pageData();
const base = "/api/claims/" + encodeURIComponent(DATA.claim);

function wire(id, step, body) {
  const button = document.getElementById(id);
  if (!button) { return; }
  button.addEventListener("click", async () => {
    const error = document.getElementById("action-error");
    error.textContent = "";
    const payload = body ? body() : {};
    if (payload === null) { return; }
    document.querySelectorAll("#claim-actions button").forEach((b) => { b.disabled = true; });
    try {
      await sendStep(base + "/" + step, payload);
      window.location.reload();
    } catch (err) {
      error.textContent = t("claim_refused") + ": " + err.message;
      document.querySelectorAll("#claim-actions button").forEach((b) => { b.disabled = false; });
    }
  });
}

wire("btn-approve", "approve");
wire("btn-withdraw", "withdraw");
wire("btn-reject", "reject", () => {
  const reason = document.getElementById("reject-reason").value.trim();
  if (!reason) {
    document.getElementById("action-error").textContent = t("claim_reason_needed");
    document.getElementById("reject-reason").focus();
    return null;
  }
  return { reason };
});
showCodes();
