// Glossary terms: the definition appears beside the term on hover, keyboard focus or a first tap, without
// leaving the page. It is read from the glossary page of this site (same origin; text only, never HTML).
(() => {
  const pages = new Map(); // glossary page URL -> Promise<Document>
  let tip = null, owner = null;
  const load = (url) => {
    if (!pages.has(url)) {
      // Styles and scripts are cut out first: parsed, they would be checked against this page's CSP.
      pages.set(url, fetch(url).then((r) => r.text()).then((t) => new DOMParser().parseFromString(
        t.replace(/<(style|script)\b[\s\S]*?<\/\1>/gi, ""), "text/html")));
    }
    return pages.get(url);
  };
  const hide = () => {
    if (tip) tip.remove();
    if (owner) owner.removeAttribute("aria-describedby");
    tip = owner = null;
  };
  const show = async (link) => {
    const url = new URL(link.href, location.href);
    const id = decodeURIComponent(url.hash.slice(1));
    url.hash = "";
    let dd = null;
    try {
      const term = (await load(url.href)).getElementById(id);
      dd = term && term.nextElementSibling;
    } catch { return; } // offline or blocked: the link still leads to the glossary
    if (!dd || dd.tagName !== "DD") return;
    hide();
    owner = link;
    tip = document.createElement("span");
    tip.className = "glossary-tip";
    tip.id = "glossary-tip";
    tip.setAttribute("role", "tooltip");
    tip.textContent = dd.textContent.trim().replace(/\s+/g, " ");
    link.after(tip);
    link.setAttribute("aria-describedby", tip.id);
  };
  const termLink = (e) => e.target.closest && e.target.closest("a.reference.internal:has(> .std-term)");
  document.addEventListener("mouseover", (e) => { const a = termLink(e); if (a && a !== owner) show(a); });
  document.addEventListener("focusin", (e) => { const a = termLink(e); if (a) show(a); });
  document.addEventListener("focusout", (e) => { if (termLink(e)) hide(); });
  document.addEventListener("mouseout", (e) => {
    if (termLink(e) && lastPointer === "mouse" && !(tip && tip.contains(e.relatedTarget))) hide();
  });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hide(); });
  let lastPointer = "mouse";
  document.addEventListener("pointerdown", (e) => { lastPointer = e.pointerType; });
  document.addEventListener("click", (e) => {
    const a = termLink(e);
    if (!a) { hide(); return; }
    if (lastPointer === "touch" && owner !== a) { e.preventDefault(); show(a); } // first tap: define; second: go
  });
})();
