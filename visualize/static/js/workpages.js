/* The work pages (contract, alliance, committee, coverage): the shared frame, and stored codes shown
   in the language (elements with data-en hold the English; the Chinese is what the server wrote). */
import { startFrame } from "./frame.js";
import { getLang, onLangChange } from "./i18n.js";

export function showCodes() {
  document.querySelectorAll("[data-en]").forEach((node) => {
    if (!node.hasAttribute("data-zh")) { node.setAttribute("data-zh", node.textContent); }
    node.textContent = getLang() === "en" && node.dataset.en ? node.dataset.en : node.dataset.zh;
  });
}

startFrame();
showCodes();
onLangChange(showCodes);
document.body.dataset.ready = "1";
