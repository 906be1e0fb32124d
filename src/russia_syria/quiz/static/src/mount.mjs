// A whole quiz: its questions, checking, showing the answer, the score and saving after each answer.
import { h, put, rich } from "./dom.mjs";
import { exportUi } from "./export.mjs";
import { answerText, correctText, grade } from "./grading.mjs";
import { KINDS } from "./inputs.mjs";
import { answersOf, fits, logOf, VERSION } from "./storage.mjs";

/**
 * Render quiz `spec` into `el`. `store` = {load(), save(state), note}; `opts.onChange(state)` is called after
 * every graded answer (the widget syncs it to Python); `opts.exportable` adds the export button.
 */
export function mount(el, spec, store, opts = {}) {
  const base = spec.dom || `rsq-${spec.id}`;
  const loaded = store.load();
  const state = { v: VERSION, quiz: spec.id, answers: answersOf(loaded), log: logOf(loaded) };
  const score = h("p", { class: "rsq-score", role: "status", "aria-live": "polite", id: base + "-score" });
  const note = h("p", { class: "rsq-note", role: "status", "aria-live": "polite", id: base + "-note" });
  const qs = [];
  const upd = () => {
    const n = spec.questions.length, done = qs.filter((x) => x.res).length, ok = qs.filter((x) => x.res === "correct").length;
    score.textContent = `Score: ${ok} of ${n} correct${done < n ? ` (${n - done} not answered yet)` : ""}.`;
  };
  const save = () => {
    const kept = store.save(state);
    note.textContent = store.note || "";
    opts.onChange && opts.onChange(state);
    return kept;
  };

  spec.questions.forEach((q, qi) => {
    const id = `${base}-${q.id}`;
    const w = KINDS[q.kind](q, id);
    const fb = h("div", { class: "rsq-fb", role: "status", "aria-live": "polite", id: id + "-fb" });
    const rec = { q, w, fb, res: null };
    const review = () => (q.link ? h("p", {}, "Review: ", h("a", { href: q.link, text: q.section_title || "the section in the chapter" })) : null);
    const log = () => (state.log[q.id] ||= { attempts: 0, revealed: false });
    const show = (r, a) => {
      const ok = r.status === "correct";
      fb.className = "rsq-fb " + (r.status === "invalid" ? "" : ok ? "rsq-ok" : "rsq-no");
      put(fb, 
        h("p", { class: "rsq-verdict", text: r.status === "invalid" ? "ℹ " + r.notes[0] : ok ? "✔ Correct." : "✘ Not quite: try again, or show the answer." }),
        ...(r.status === "invalid" ? [] : r.notes.map((t) => rich("p", t))),
        ...(r.status === "invalid" || !q.feedback ? [] : [rich("p", q.feedback)]),
        ...(ok && q.explanation ? [rich("p", q.explanation)] : []),
        r.status === "wrong" && q.hint ? rich("p", "Hint: " + q.hint, { class: "rsq-hint" }) : null,
        ok ? null : review(),
      );
      if (w.mark && q.kind === "multiple" && r.status !== "invalid") w.mark(a);
      if (r.status !== "invalid") rec.res = r.status;
      upd();
      return a;
    };
    const check = () => {
      const a = w.get();
      const r = grade(q, a);
      show(r, a);
      if (r.status !== "invalid") {
        const l = log();
        l.attempts += 1;
        state.answers[q.id] = { answer: a, text: answerText(q, a), correct: r.status === "correct", timestamp: new Date().toISOString(),
          attempts: l.attempts, revealed: l.revealed };
        if (save() === false) fb.append(h("p", { class: "rsq-unsaved", text: "⚠ Not saved: " + (store.note || "this answer could not be saved.") }));
      }
    };
    const reveal = () => {
      fb.className = "rsq-fb";
      put(fb, h("p", { class: "rsq-verdict", text: "The answer: " + correctText(q) }),
        q.explanation ? rich("p", q.explanation) : null, review());
      log().revealed = true; // recorded: an answer typed in after seeing it is not the student's own
      if (state.answers[q.id]) state.answers[q.id].revealed = true;
      save();
    };
    const retry = (focus = true) => {
      w.set(null); rec.res = null; delete state.answers[q.id]; fb.className = "rsq-fb"; put(fb); save(); upd();
      const f = focus && rec.box.querySelector("input,select,button"); f && f.focus();
    };
    rec.retry = retry;
    if (w.inp) w.inp.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); check(); } });
    rec.box = h("fieldset", { class: "rsq-q", id, "data-kind": q.kind },
      h("legend", {}, h("span", { class: "rsq-n", text: `Question ${qi + 1} of ${spec.questions.length}. ` }), ...rich("span", q.prompt).childNodes),
      w.el,
      h("div", {},
        h("button", { type: "button", class: "rsq-check", onclick: check }, "Check answer"),
        h("button", { type: "button", class: "rsq-reveal", onclick: reveal }, "Show answer"),
        h("button", { type: "button", class: "rsq-retry", onclick: () => retry() }, "Try again")),
      fb);
    const prev = state.answers[q.id];
    if (prev) {
      // Saved state is input like any other: an answer of the wrong shape is dropped, never shown or trusted.
      const r = fits(q, prev.answer) ? grade(q, prev.answer) : { status: "invalid" };
      if (r.status === "invalid") delete state.answers[q.id];
      else { w.set(prev.answer); prev.correct = r.status === "correct"; show(r, prev.answer); }
    }
    qs.push(rec);
  });

  const kids = [h("p", { class: "rsq-t", id: base + "-title", text: spec.title }), ...qs.map((x) => x.box), score, note];
  kids.push(h("button", { type: "button", class: "rsq-reset", onclick: () => {
    qs.forEach((x) => x.retry(false));
    const f = qs[0].box.querySelector("input,select,button"); f && f.focus();
  } }, "Start the quiz again"));
  if (opts.exportable) kids.push(exportUi(spec.course, [spec]));
  el.replaceChildren(h("div", { class: "rsq", role: "group", "aria-labelledby": base + "-title", id: base }, ...kids));
  note.textContent = store.note || "";
  upd();
  return state;
}
