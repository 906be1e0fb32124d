// The progress page: every chapter's quiz status, export all, reset all.
import { h } from "./dom.mjs";
import { exportUi } from "./export.mjs";
import { answersOf, localStore, regrade, storeKey } from "./storage.mjs";

export function progress(el, spec) {
  const rows = spec.quizzes.map((qz) => {
    const store = localStore(storeKey(spec.course, qz.id));
    const saved = answersOf(store.load());
    // Counted from the re-graded answers to the quiz's current questions, never from stored flags.
    const graded = (qz.questions || []).map((q) => (saved[q.id] ? regrade(q, saved[q.id]) : "")).filter((x) => x && x !== "invalid");
    const ok = graded.filter((x) => x === "correct").length;
    const status = store.readOnly ? "saved by a newer version of the course (kept; this page is older)"
      : graded.length ? `${ok} of ${qz.n} correct, ${graded.length} of ${qz.n} answered` : "not started";
    return h("tr", { "data-quiz": qz.id }, h("td", {}, qz.href ? h("a", { href: qz.href, text: qz.title }) : qz.title), h("td", { class: "rsq-status", text: status }));
  });
  const msg = h("p", { class: "rsq-note", role: "status", "aria-live": "polite" });
  const confirmBtn = h("button", { type: "button", class: "rsq-reset-yes", hidden: true, onclick: () => {
    for (const qz of spec.quizzes) { try { localStorage.removeItem(storeKey(spec.course, qz.id)); } catch { /* nothing saved */ } }
    rows.forEach((r) => { r.querySelector(".rsq-status").textContent = "not started"; });
    confirmBtn.hidden = true;
    msg.textContent = "All saved answers on this device were deleted.";
  } }, "Yes, delete all my saved answers");
  el.replaceChildren(h("div", { class: "rsq rsq-progress" },
    spec.quizzes.length
      ? h("table", {}, h("caption", { text: "Your quiz progress on this device" }), h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Quiz" }), h("th", { scope: "col", text: "Status" }))), h("tbody", {}, ...rows))
      : h("p", { text: "There are no quizzes in the course yet." }),
    exportUi(spec.course, spec.quizzes),
    h("button", { type: "button", class: "rsq-reset-all", onclick: () => { confirmBtn.hidden = false; confirmBtn.focus(); msg.textContent = "This deletes every saved answer on this device. Are you sure?"; } }, "Reset all progress"),
    confirmBtn, msg));
}
