// russia-syria-quiz (quiz.mjs): renders and grades a quiz from a JSON spec. The ONLY grading code of the course:
// the kernel widget (anywidget `_esm`), the static book (an external module, _static/rsq-quiz.mjs) and the tests
// (node harness) all run this file. No dependencies, no build step. Content is set with textContent
// only, never innerHTML, so quiz text and typed answers can never inject markup. Its look is quiz.css.
export const VERSION = 1;
const FORMAT = "russia-syria-quiz-progress";

// ---------- grading (pure functions, no DOM) ----------

/** Read a typed number: "1,234", "1 234", "12,5", "−3", "45 %" (unit ignored). null if unreadable. */
export function parseNumber(text, unit) {
  let s = String(text ?? "").normalize("NFKC").trim();
  if (unit && s.toLowerCase().endsWith(String(unit).toLowerCase())) s = s.slice(0, -String(unit).length);
  s = s.replace(/[\s']/g, "").replace(/^\u2212/, "-");
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  else if (/^[-+]?\d*,\d+$/.test(s)) s = s.replace(",", ".");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** "1,500" or "12.000": one separator and three digits, which locales read as thousands or as decimals. The two
 * readings as [thousands, decimal] text, or null if the number is not ambiguous. */
function twoReadings(text, unit) {
  let s = String(text ?? "").normalize("NFKC").trim();
  if (unit && s.toLowerCase().endsWith(String(unit).toLowerCase())) s = s.slice(0, -String(unit).length);
  s = s.replace(/[\s']/g, "").replace(/^\u2212/, "-");
  const m = /^([-+]?\d{1,3})[.,](\d{3})$/.exec(s);
  return m ? [String(Number(m[1] + m[2])), String(Number(`${m[1]}.${m[2]}`))] : null;
}

/** Text answers are compared ignoring case, accents' encoding, surrounding and repeated spaces. */
export const norm = (s) => String(s ?? "").normalize("NFKC").trim().replace(/\s+/g, " ").toLocaleLowerCase();

const isPerm = (a, n) => Array.isArray(a) && a.length === n && new Set(a).size === n && a.every((i) => Number.isInteger(i) && i >= 0 && i < n);

/**
 * Grade answer `a` to question `q`. Returns {status: "correct"|"wrong"|"invalid", notes: [text]}.
 * "invalid" means the answer could not be read (nothing chosen, not a number): a friendly message, no score.
 */
export function grade(q, a) {
  const bad = (m) => ({ status: "invalid", notes: [m] });
  const res = (ok, notes = []) => ({ status: ok ? "correct" : "wrong", notes: notes.filter(Boolean) });
  switch (q.kind) {
    case "single": {
      const o = Number.isInteger(a) ? q.options[a] : undefined;
      if (!o) return bad("Choose one answer first.");
      return res(o.correct === true, [o.feedback]);
    }
    case "multiple": {
      if (!Array.isArray(a) || !a.length || !a.every((i) => q.options[i])) return bad("Select at least one answer first.");
      const chosen = new Set(a);
      const ok = q.options.every((o, i) => !!o.correct === chosen.has(i));
      const right = q.options.filter((o, i) => !!o.correct === chosen.has(i)).length;
      return res(ok, [...[...chosen].sort((x, y) => x - y).map((i) => q.options[i].feedback), ok ? "" : `${right} of ${q.options.length} options are set correctly.`]);
    }
    case "truefalse":
      if (typeof a !== "boolean") return bad("Choose True or False first.");
      return res(a === q.answer, [a ? q.feedback_true : q.feedback_false]);
    case "numeric": {
      if (norm(a) === "") return bad("Type a number first.");
      const n = parseNumber(a, q.unit);
      if (n === null) return bad(`“${String(a).slice(0, 40)}” is not a number this quiz can read. Type digits, for example 1234 or 12.5.`);
      const ok = Math.abs(n - q.answer) <= (q.tolerance || 0) + 1e-9 * Math.max(1, Math.abs(q.answer));
      const two = ok ? null : twoReadings(a, q.unit);
      if (two) return bad(`“${String(a).slice(0, 40)}” can be read two ways: ${two[0]}, or ${two[1]} where a comma or point marks decimals. Type the number without a thousands separator, with a point for decimals: ${two[0]} or ${two[1]}.`);
      return res(ok);
    }
    case "text":
      if (norm(a) === "") return bad("Type an answer first.");
      return res(q.accept.some((x) => norm(x) === norm(a)));
    case "order": {
      if (!isPerm(a, q.items.length)) return bad("Put the items in order first.");
      const k = a.filter((v, i) => v === i).length;
      return res(k === a.length, [k === a.length ? "" : `${k} of ${a.length} items are in the right place.`]);
    }
    case "match": {
      if (!Array.isArray(a) || a.length !== q.pairs.length || a.some((v) => !Number.isInteger(v) || !q.pairs[v])) return bad("Choose a match for every item first.");
      const k = a.filter((v, i) => v === i).length;
      return res(k === a.length, [k === a.length ? "" : `${k} of ${a.length} matches are right.`]);
    }
  }
  return bad(`Unknown question kind ${q.kind}.`);
}

/** The correct answer as readable text (for "Show answer" and exports). */
export function correctText(q) {
  switch (q.kind) {
    case "single": case "multiple": return q.options.filter((o) => o.correct).map((o) => o.text).join("; ");
    case "truefalse": return q.answer ? "True" : "False";
    case "numeric": return `${q.answer}${q.unit ? " " + q.unit : ""}${q.tolerance ? ` (±${q.tolerance})` : ""}`;
    case "text": return q.accept[0];
    case "order": return q.items.map((t, i) => `${i + 1}. ${t}`).join("  ");
    case "match": return q.pairs.map((p) => `${p.left} → ${p.right}`).join("; ");
  }
  return "";
}

/** A learner's answer as readable text (for exports and the teacher). */
export function answerText(q, a) {
  try {
    switch (q.kind) {
      case "single": return q.options[a].text;
      case "multiple": return a.map((i) => q.options[i].text).join("; ");
      case "truefalse": return a ? "True" : "False";
      case "numeric": case "text": return String(a);
      case "order": return a.map((i) => q.items[i]).join(" | ");
      case "match": return a.map((v, i) => `${q.pairs[i].left} → ${q.pairs[v].right}`).join("; ");
    }
  } catch { /* answer does not fit the question (quiz edited since): show it raw */ }
  return JSON.stringify(a);
}

// Deterministic shuffle seeded by ids: same page, same order, every build (nbval, stable tests).
function seed(str) {
  let h = 2166136261;
  for (const c of str) h = Math.imul(h ^ c.codePointAt(0), 16777619) >>> 0;
  return () => ((h = Math.imul(h ^ (h >>> 15), 2246822507) ^ Math.imul(h ^ (h >>> 13), 3266489909)) >>> 0) / 4294967296;
}
export function shuffled(n, key) {
  const r = seed(key), idx = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [idx[i], idx[j]] = [idx[j], idx[i]]; }
  if (n > 1 && idx.every((v, i) => v === i)) idx.push(idx.shift()); // never show the answer as the start
  return idx;
}

// ---------- storage ----------

const memory = new Map();
const NOTE = {
  blocked: "This browser does not let the page save answers: they will be lost when you leave.",
  unreadable: "Saved answers for this quiz could not be read, so they were reset.",
  newer: "Your saved answers were made by a newer version of this course, so this page is older: they are kept as they are, but answers you give on this page are not saved. Reload the page, or open the course's current address.",
  full: "Your answer was checked, but it could not be saved: this browser's storage for the site is full or blocked. It will be lost when you leave; export your answers to keep them.",
};
/**
 * localStorage store for one key; survives missing, full or corrupted storage, reporting it via `note`.
 * A newer format version is kept untouched (`readOnly`): an older page must never delete a newer page's data.
 */
export function localStore(key) {
  const st = { note: "", readOnly: false };
  let ls = null;
  try { ls = window.localStorage; ls.getItem(key); } catch { ls = null; st.note = NOTE.blocked; }
  st.load = () => {
    let raw = null;
    try { raw = ls ? ls.getItem(key) : memory.get(key); } catch { raw = null; }
    if (raw == null) return null;
    let v;
    try { v = JSON.parse(raw); } catch { v = null; }
    if (v && typeof v === "object" && Number.isInteger(v.v) && v.v > VERSION) {
      st.readOnly = true; st.note = NOTE.newer; return null;
    }
    if (!v || typeof v !== "object" || v.v !== VERSION || typeof v.answers !== "object" || !v.answers || Array.isArray(v.answers)) {
      try { ls && ls.removeItem(key); } catch { /* nothing more to do */ }
      st.note = NOTE.unreadable;
      return null;
    }
    return v;
  };
  /** Save `v`; returns false (and sets `note`) if it could not be saved. */
  st.save = (v) => {
    if (st.readOnly) return false;
    const s = JSON.stringify(v);
    if (!ls) { memory.set(key, s); return true; }
    try { ls.setItem(key, s); return true; } catch { memory.set(key, s); st.note = NOTE.full; return false; }
  };
  return st;
}
/** The saved answers of a loaded state as a null-prototype map (a "__proto__" key stays a plain key). Entries that
 * are not {answer, ...} objects are dropped. */
export function answersOf(v) {
  const out = Object.create(null);
  const src = v && typeof v.answers === "object" && v.answers ? v.answers : {};
  for (const k of Object.keys(src)) {
    const r = src[k];
    if (r && typeof r === "object" && !Array.isArray(r) && "answer" in r) out[k] = r;
  }
  return out;
}
/** Per question: how many answers were checked and whether "Show answer" was used (null-prototype map). */
export function logOf(v) {
  const out = Object.create(null);
  // The kernel widget keeps only `answers`: each answer carries its question's log, so it is read from there.
  const src = v && typeof v.log === "object" && v.log && !Array.isArray(v.log) ? v.log
    : v && typeof v.answers === "object" && v.answers ? v.answers : {};
  for (const k of Object.keys(src)) {
    const r = src[k];
    if (!r || typeof r !== "object" || !("attempts" in r || "revealed" in r)) continue;
    out[k] = { attempts: Number.isInteger(r.attempts) && r.attempts > 0 ? r.attempts : 0, revealed: r.revealed === true };
  }
  return out;
}
/** Does answer `a` have the shape question `q` takes (so it can be shown and graded)? */
export function fits(q, a) {
  const ints = (x) => Array.isArray(x) && x.every((i) => i === null || Number.isInteger(i));
  switch (q.kind) {
    case "single": return Number.isInteger(a);
    case "multiple": return Array.isArray(a) && a.every(Number.isInteger);
    case "truefalse": return typeof a === "boolean";
    case "numeric": case "text": return typeof a === "string" || (q.kind === "numeric" && typeof a === "number" && Number.isFinite(a));
    case "order": case "match": return ints(a);
  }
  return false;
}
/** Re-grade a saved row against its question: stored `correct` flags are never trusted. */
export function regrade(q, r) {
  if (!q || !r || !fits(q, r.answer) || (q.kind === "numeric" && typeof q.answer !== "number")) return "invalid";
  return grade(q, r.answer).status;
}
const storeKey = (course, id) => `rsq:${course}:${id}`;

// ---------- DOM helpers (textContent only) ----------

function h(tag, attrs = {}, ...kids) {
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
function rich(tag, text, attrs = {}) {
  const parts = String(text).split("`");
  if (parts.length % 2 === 0) return h(tag, { ...attrs, text }); // an unpaired backtick: plain text
  return h(tag, attrs, ...parts.map((t, i) => (i % 2 ? h("code", { text: t }) : t)).filter((t) => t !== ""));
}
// replaceChildren() would print null/undefined as text: drop empty entries first.
const put = (el, ...kids) => el.replaceChildren(...kids.filter((k) => k != null && k !== ""));
// ---------- one input widget per kind: {el, get(), set(a)} ----------

const KINDS = {
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

// ---------- a whole quiz ----------

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

// ---------- export (a JSON file the student hands in; format documented in quizzes/README.md) ----------

/** The export of `quizzes` (each {id, questions}) from this browser's storage. Every saved answer is re-graded
 * against its question; one that cannot be graded (question removed, wrong shape) is exported with
 * `correct: false` and a `note`, never dropped. Quizzes whose saved data a newer page wrote are listed in
 * `skipped` (that data is kept in the browser). */
export function collect(course, quizzes, student, skipped = []) {
  const answers = [];
  for (const qz of quizzes) {
    const store = localStore(storeKey(course, qz.id));
    const loaded = store.load();
    const saved = answersOf(loaded), log = logOf(loaded);
    if (store.readOnly) skipped.push(qz.id);
    const byId = new Map((qz.questions || []).map((q) => [q.id, q]));
    for (const qid of Object.keys(saved)) {
      const r = saved[qid], q = byId.get(qid), status = regrade(q, r);
      const row = { quiz: qz.id, question: qid, answer: r.answer, answer_text: status === "invalid" ? String(typeof r.text === "string" ? r.text : JSON.stringify(r.answer) ?? "") : answerText(q, r.answer),
        correct: status === "correct", timestamp: typeof r.timestamp === "string" ? r.timestamp : null,
        attempts: log[qid] ? log[qid].attempts : null, revealed: !!(log[qid] && log[qid].revealed) };
      if (status === "invalid") row.note = q ? "the saved answer does not fit this question: not graded" : "this question is no longer in the quiz: not graded";
      answers.push(row);
    }
  }
  return { format: FORMAT, version: VERSION, course, student: student || "", exported_at: new Date().toISOString(), quizzes: quizzes.map((x) => x.id), answers };
}
function exportUi(course, quizzes) {
  const nameKey = `rsq:${course}:student`;
  let name = "";
  try { name = localStorage.getItem(nameKey) || ""; } catch { /* storage unavailable */ }
  const id = `rsq-export-${quizzes.length === 1 ? quizzes[0].id : "all"}`;
  const inp = h("input", { type: "text", id: id + "-name", value: name, autocomplete: "name" });
  const msg = h("p", { class: "rsq-note", role: "status", "aria-live": "polite" });
  const go = () => {
    try { localStorage.setItem(nameKey, inp.value); } catch { /* optional */ }
    const skipped = [];
    let data;
    try { data = collect(course, quizzes, inp.value.trim(), skipped); } catch (e) {
      msg.textContent = `The file could not be made (${e && e.message}). Please report it.`; return;
    }
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)], { type: "application/json" }));
    const a = h("a", { href: url, download: `${course}-${quizzes.length === 1 ? quizzes[0].id : "all"}-answers.json` });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
    msg.textContent = `Saved a file with ${data.answers.length} answer(s). Hand it in as your teacher asks.` +
      (skipped.length ? ` Not included: ${skipped.join(", ")} (saved by a newer version of the course; export them from its current page).` : "");
  };
  return h("div", { class: "rsq-export" },
    h("label", { for: id + "-name", text: "Your name for the exported file (optional)" }), inp,
    h("button", { type: "button", class: "rsq-export-btn", id, onclick: go }, quizzes.length === 1 ? "Export my answers (JSON file)" : "Export all my answers (JSON file)"), msg);
}

// ---------- the progress page: every chapter's quiz status, export all, reset all ----------

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

// ---------- entry points ----------

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
