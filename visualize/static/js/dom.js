/* Small DOM helpers. Every text goes in through textContent, never innerHTML. */

export function el(tag, attrs, text) {
  const node = document.createElement(tag);
  Object.keys(attrs || {}).forEach((k) => node.setAttribute(k, attrs[k]));
  if (text !== undefined && text !== null) { node.textContent = String(text); }
  return node;
}

export function clear(node) {
  while (node.firstChild) { node.removeChild(node.firstChild); }
}

/* The page's own data, from its inert JSON island (no inline script runs under the pages' CSP). */
export function pageData() {
  const island = document.getElementById("orglinks-data");
  return island ? JSON.parse(island.textContent) : {};
}

export function setStatus(text) {
  const footer = document.getElementById("status");
  if (footer) { footer.textContent = text; }
}
