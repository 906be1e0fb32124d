// DOM helpers: elements built with textContent only, never innerHTML (author and typed text stay text).

export function h(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of kids) if (c != null) e.append(c);
  return e;
}
/** A `tag` element from author text in which `code` between backticks becomes <code> (text nodes only). */
export function rich(tag, text, attrs = {}) {
  const parts = String(text).split("`");
  if (parts.length % 2 === 0) return h(tag, { ...attrs, text }); // an unpaired backtick: plain text
  return h(tag, attrs, ...parts.map((t, i) => (i % 2 ? h("code", { text: t }) : t)).filter((t) => t !== ""));
}
// replaceChildren() would print null/undefined as text: drop empty entries first.
export const put = (el, ...kids) => el.replaceChildren(...kids.filter((k) => k != null && k !== ""));
