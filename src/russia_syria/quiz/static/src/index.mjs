// russia-syria-quiz: renders and grades a quiz from a JSON spec. The ONLY grading code of the course: the kernel
// widget (anywidget `_esm`), the static book (an external module, _static/rsq-quiz.mjs), the class-results page
// and the tests (node harness) all run it. This is the entry of the modules in this folder; `make quiz-js`
// bundles them into ../quiz.mjs, one self-contained module with no imports (anywidget loads it from a blob URL),
// and that file is what runs. No dependencies. Content is set with textContent only, never innerHTML, so quiz
// text and typed answers can never inject markup. Its look is ../quiz.css.
import { mount } from "./mount.mjs";
import { progress } from "./progress.mjs";
import { localStore, storeKey, VERSION } from "./storage.mjs";

export { collect } from "./export.mjs";
export { answerText, correctText, grade, norm, parseNumber, shuffled } from "./grading.mjs";
export { answersOf, fits, localStore, logOf, regrade, VERSION } from "./storage.mjs";
export { mount, progress };

/** Static book: mount every quiz/progress placeholder on the page (idempotent; each output calls it). */
export function boot(root = document) {
  for (const el of root.querySelectorAll("[data-rsq-spec]:not([data-rsq-ready])")) {
    el.setAttribute("data-rsq-ready", "");
    try {
      const spec = JSON.parse(document.getElementById(el.getAttribute("data-rsq-spec")).textContent);
      if (spec.quizzes) progress(el, spec);
      else mount(el, spec, localStore(storeKey(spec.course, spec.id)), { exportable: true });
    } catch (e) {
      el.textContent = `This quiz could not be displayed (${e && e.message}). Please report it.`;
    }
  }
}

/** Live kernel: anywidget front end. Answers sync to the `answers` trait, read by Quiz.results(). */
export default {
  render({ model, el }) {
    const store = { note: "", load: () => ({ v: VERSION, answers: model.get("answers") || {} }), save: () => {} };
    mount(el, model.get("spec"), store, {
      onChange: (st) => { model.set("answers", JSON.parse(JSON.stringify(st.answers))); model.save_changes(); },
    });
  },
};
