// The answer inputs, one per question kind: {el, get(), set(a)} (choose-all questions also mark()).
import { h } from "./dom.mjs";
import { isPerm, shuffled } from "./grading.mjs";

export const KINDS = {
  single: (q, id) => choices(q, id, "radio", q.options.map((o) => o.text), (els) => {
    const i = els.findIndex((e) => e.checked); return i < 0 ? null : i;
  }, (els, a) => els.forEach((e, i) => { e.checked = i === a; })),
  multiple: (q, id) => choices(q, id, "checkbox", q.options.map((o) => o.text),
    (els) => els.flatMap((e, i) => (e.checked ? [i] : [])),
    (els, a) => els.forEach((e, i) => { e.checked = Array.isArray(a) && a.includes(i); })),
  truefalse: (q, id) => choices(q, id, "radio", ["True", "False"], (els) => {
    const i = els.findIndex((e) => e.checked); return i < 0 ? null : i === 0;
  }, (els, a) => els.forEach((e, i) => { e.checked = typeof a === "boolean" && (i === 0) === a; })),
  numeric: (q, id) => typed(q, id, q.unit ? `Your answer (in ${q.unit})` : "Your answer", "decimal"),
  text: (q, id) => typed(q, id, "Your answer", "text"),
  order(q, id) {
    let cur = shuffled(q.items.length, id);
    const list = h("ol", { id: id + "-list" });
    const live = h("p", { class: "rsq-note", role: "status", "aria-live": "polite" });
    const draw = (focusPos, dir) => {
      list.replaceChildren(...cur.map((it, pos) => h("li", {},
        h("span", { text: q.items[it] + " " }),
        h("button", { type: "button", "data-pos": pos, "data-dir": "up", disabled: pos === 0, "aria-label": `Move up: ${q.items[it]}`, onclick: () => move(pos, -1) }, "↑ Up"),
        h("button", { type: "button", "data-pos": pos, "data-dir": "down", disabled: pos === cur.length - 1, "aria-label": `Move down: ${q.items[it]}`, onclick: () => move(pos, 1) }, "↓ Down"))));
      if (focusPos != null) {
        const bs = [...list.children[focusPos].querySelectorAll("button")];
        const b = bs.find((x) => x.dataset.dir === dir && !x.disabled) || bs.find((x) => !x.disabled);
        b && b.focus();
      }
    };
    const move = (pos, d) => {
      const to = pos + d;
      if (to < 0 || to >= cur.length) return;
      [cur[pos], cur[to]] = [cur[to], cur[pos]];
      draw(to, d < 0 ? "up" : "down");
      live.textContent = `“${q.items[cur[to]]}” is now number ${to + 1} of ${cur.length}.`;
    };
    draw();
    return {
      el: h("div", {}, h("p", { text: "Use the Up and Down buttons to put the items in order (first at the top)." }), list, live),
      get: () => [...cur],
      set: (a) => { if (isPerm(a, q.items.length)) { cur = [...a]; draw(); } },
    };
  },
  match(q, id) {
    const rights = shuffled(q.pairs.length, id + ":r");
    const sels = q.pairs.map((p, i) => h("select", { id: `${id}-m${i}` },
      h("option", { value: "", text: "Choose…" }), ...rights.map((r) => h("option", { value: r, text: q.pairs[r].right }))));
    return {
      el: h("div", {}, ...q.pairs.map((p, i) => h("div", {}, h("label", { for: `${id}-m${i}`, text: p.left }), sels[i]))),
      get: () => sels.map((s) => (s.value === "" ? null : Number(s.value))),
      set: (a) => sels.forEach((s, i) => { s.value = Array.isArray(a) && Number.isInteger(a[i]) ? String(a[i]) : ""; }),
    };
  },
};
function choices(q, id, type, labels, get, set) {
  const els = labels.map((t, i) => h("input", { type, id: `${id}-o${i}`, name: id, value: i }));
  const labs = labels.map((t, i) => h("label", { for: `${id}-o${i}` }, els[i], " " + t));
  const unmark = () => labs.forEach((l) => l.querySelectorAll(".rsq-mark").forEach((m) => m.remove()));
  els.forEach((e) => e.addEventListener("change", unmark));
  return {
    el: h("div", {}, ...labs),
    get: () => get(els), set: (a) => { unmark(); set(els, a); },
    /** Mark each chosen option right or wrong (choose-all questions: say which box was wrong). */
    mark: (a) => {
      unmark();
      for (const i of Array.isArray(a) ? a : []) {
        const ok = !!q.options[i].correct;
        labs[i].append(h("span", { class: ok ? "rsq-mark rsq-mark-ok" : "rsq-mark rsq-mark-no", text: ok ? " ✔ right" : " ✘ wrong choice" }));
      }
    },
  };
}
function typed(q, id, label, mode) {
  const inp = h("input", { type: "text", id: id + "-in", inputmode: mode, autocomplete: "off", spellcheck: "false" });
  return { el: h("div", {}, h("label", { for: id + "-in", text: label }), inp), get: () => inp.value, set: (a) => { inp.value = a ?? ""; }, inp };
}
