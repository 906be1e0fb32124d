// Class results in the browser: read students' exported answer files, re-grade every answer with the quizzes'
// own grader (quiz.mjs: `grade` and `answerText` are passed in), and show the analysis. No server, no request:
// files are read with the File API and never leave the machine. Content reaches the page via textContent only.
// The notebook path (russia_syria.classresults, Python) reads the same files; tests compare the two.
export const CR_FORMAT = "russia-syria-quiz-progress";
const CR_MAX_BYTES = 2_000_000, CR_MAX_ENTRIES = 10_000, CR_SLACK_MS = 10 * 60 * 1000;
// Names of the per-answer "Show answer" and attempt-count fields: passed in from classresults.REVEALED/ATTEMPTS.
const CR_FIELDS = { revealed: "revealed", attempts: "attempts" };

const crTime = (v) => {
  if (typeof v !== "string" || v.length > 40 || !/(Z|[+-]\d\d:\d\d)$/.test(v)) return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : null;
};
const crShort = (v) => { const s = typeof v === "string" ? `'${v}'` : JSON.stringify(v) ?? String(v); return s.length > 60 ? s.slice(0, 57) + "…" : s; };
const crKey = (s) => s.normalize("NFKC").toLocaleLowerCase().split(/\s+/).filter(Boolean).join(" ");
const crFlat = (a) => (Array.isArray(a) ? a.length <= 100 && a.every((x) => Number.isFinite(x)) :
  Number.isFinite(a) || typeof a === "boolean" || (typeof a === "string" && a.length <= 500));
// Letters drawn like Latin ones (Cyrillic, Greek) and digits typed for letters: the usual look-alike names.
const CR_LOOK = { "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
  "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "ӏ": "l", "ԛ": "q", "ԝ": "w", "һ": "h", "α": "a", "β": "b",
  "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j",
  "0": "o", "1": "l", "|": "l" };
const CR_INVISIBLE = /[\p{Cf}\p{Cc}]/gu;
const crSkeleton = (s) => [...crKey(s.normalize("NFKC").replace(CR_INVISIBLE, ""))].map((c) => CR_LOOK[c] ?? c).join("")
  .normalize("NFKD").replace(/\p{M}/gu, "");

// Deepest bracket nesting outside strings: an export is 3 deep; Python's reader gives up near 1,000.
function crDepth(text) {
  let depth = 0, max = 0, inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) { if (c === "\\") i++; else if (c === '"') inStr = false; }
    else if (c === '"') inStr = true;
    else if (c === "[" || c === "{") max = Math.max(max, ++depth);
    else if (c === "]" || c === "}") depth--;
  }
  return max;
}

function crEnvelope(name, text) {
  if (!name.toLowerCase().endsWith(".json")) throw new Error("not a quiz export: only .json files exported from the course are read");
  if (text.length === 0) throw new Error("the file is empty");
  if (crDepth(text) > 900) throw new Error("nested too deeply to be a quiz export (brackets inside brackets): not read");
  let d;
  try { d = JSON.parse(text); } catch (e) { throw new Error(e instanceof RangeError ? "nested too deeply to be a quiz export (brackets inside brackets): not read" : "not valid JSON; the file may be damaged or edited by hand — ask the student to export again"); }
  if (d === null || typeof d !== "object" || Array.isArray(d)) throw new Error(`the file holds a JSON ${Array.isArray(d) ? "list" : typeof d}, not a quiz export object`);
  if (d.format !== CR_FORMAT) throw new Error(`not a quiz export of this course (format is ${crShort(d.format)})`);
  if (d.course !== "russia-syria") throw new Error(`an export from another course (${crShort(d.course)})`);
  if (d.version !== 1) throw new Error(`export format version ${crShort(d.version)} is not supported (this reader knows 1)`);
  if (typeof d.student !== "string" || d.student.length > 200) throw new Error("`student` must be a name (text of at most 200 characters; it may be empty)");
  if (crTime(d.exported_at) === null) throw new Error("`exported_at` is not a date and time with a time zone");
  if (!Array.isArray(d.quizzes) || !d.quizzes.every((q) => typeof q === "string")) throw new Error("`quizzes` must be a list of quiz ids");
  if (!Array.isArray(d.answers)) throw new Error("`answers` must be a list");
  if (d.answers.length > CR_MAX_ENTRIES) throw new Error("far more answers than the course has questions: not read");
  return d;
}

/** files: [{name, text, size}]; specs: {quizId: spec}; returns {files, problems, answers}. */
export function analyse(files, specs, { grade, answerText }, now = Date.now(), fields = CR_FIELDS) {
  const problems = [], accepted = [], seen = new Map();
  const add = (file, reason) => problems.push({ file, reason });
  const order = (n) => { const i = n.lastIndexOf("."); return i > 0 ? [n.slice(0, i), n.slice(i)] : [n, ""]; };
  const cmp = (a, b) => { const [x, y] = [order(a.name), order(b.name)]; return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0; };
  for (const f of [...files].sort(cmp)) {
    if (f.size > CR_MAX_BYTES) { add(f.name, "far larger than any quiz export: not read"); continue; }
    let d;
    try { d = crEnvelope(f.name, f.text); } catch (e) { add(f.name, e.message); continue; }
    if (seen.has(f.text)) { add(f.name, `duplicate: an exact copy of ${seen.get(f.text)}, which is used`); continue; }
    seen.set(f.text, f.name);
    if (CR_INVISIBLE.test(d.student)) add(f.name, "the student name holds invisible characters: check who sent it");
    CR_INVISIBLE.lastIndex = 0;
    if (crTime(d.exported_at) > now + CR_SLACK_MS) add(f.name, "exported in the future: the clock or the file was changed");
    accepted.push({ file: f.name, student: d.student.split(/\s+/).filter(Boolean).join(" ") || `(no name: ${f.name.replace(/\.[^.]*$/, "")})`, raw: d.student, when: crTime(d.exported_at), d });
  }
  const groups = new Map(); // look-alike names
  for (const a of accepted) if (a.raw) { const k = crSkeleton(a.raw); if (!groups.has(k)) groups.set(k, new Set()); groups.get(k).add(a.raw); }
  const shown = (n) => { const odd = [...new Set([...n].filter((c) => /[\p{Cf}\p{Cc}]/u.test(c) || (/\p{L}/u.test(c) && !/\p{Script=Latin}/u.test(c))))];
    return JSON.stringify(n) + (odd.length ? ` (with ${odd.slice(0, 4).map((c) => "U+" + c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")).join(", ")})` : ""); };
  for (const a of accepted) {
    if (!a.raw || groups.get(crSkeleton(a.raw)).size < 2) continue;
    const others = accepted.filter((b) => b.raw && b.raw !== a.raw && crSkeleton(b.raw) === crSkeleton(a.raw)).map((b) => `${shown(b.raw)} in ${b.file}`);
    add(a.file, `the name ${shown(a.raw)} differs from ${others.join("; ")} only in case, invisible characters or look-alike letters: check whether they are the same student`);
  }

  accepted.sort((x, y) => y.when - x.when);
  const ungraded = new Set();
  const owner = new Map(), answers = [], used = [];
  for (const a of accepted) {
    const kinds = new Map(), note = (k, w) => { if (!kinds.has(k)) kinds.set(k, []); kinds.get(k).push(w); };
    const rows = new Map();
    a.d.answers.forEach((x, i) => {
      if (!x || typeof x !== "object" || Array.isArray(x)) return note("answers that are not objects: skipped", `answer ${i + 1}`);
      if (typeof x.quiz !== "string" || typeof x.question !== "string") return note("answers with no quiz or question id: skipped", `answer ${i + 1}`);
      const label = `${x.quiz}/${x.question}`, spec = specs[x.quiz];
      if (typeof x.correct !== "boolean") return note("answers whose `correct` is not true or false: skipped", label);
      if (!spec) return note("answers to quizzes that are not in this course: skipped", label);
      const q = spec.questions.find((y) => y.id === x.question);
      if (!q) return note("answers to questions that are not in the quiz: skipped", label);
      if (!("answer" in x) || !crFlat(x.answer)) return note("answers with no readable student response: not counted", label);
      const t = crTime(x.timestamp);
      if (t !== null && (t > now + CR_SLACK_MS || t > crTime(a.d.exported_at) + CR_SLACK_MS)) note("answer times in the future: check the file", label);
      let revealed = x[fields.revealed] ?? false, attempts = x[fields.attempts] ?? null;
      if (typeof revealed !== "boolean" || !(attempts === null || (Number.isInteger(attempts) && attempts >= 0))) { note("unreadable reveal or attempt fields: counted as revealed", label); revealed = true; attempts = null; }
      rows.set(label, { q, x, revealed, attempts });
    });
    if (!a.d.answers.length) note("the file holds no answers at all: the student is listed with nothing answered", "");
    const mine = [];
    for (const quiz of new Set([...a.d.quizzes, ...[...rows.values()].map((r) => r.x.quiz)])) {
      const k = `${crKey(a.student)}\u0000${quiz}`;
      if (owner.has(k)) { add(a.file, `duplicate: answers to quiz '${quiz}' are also in ${owner.get(k)}, exported later, which is used`); continue; }
      owner.set(k, a.file); mine.push(quiz);
    }
    let stored = 0, regraded = 0;
    for (const { q, x, revealed, attempts } of rows.values()) {
      if (!mine.includes(x.quiz)) continue;
      const label = `${x.quiz}/${x.question}`;
      let ok = x.correct, verified = false, text = String(x.answer_text ?? "").slice(0, 200);
      if (q.kind === "numeric" && q.answer == null) ungraded.add(label);
      else {
        let r;
        try { r = grade(q, x.answer); } catch { r = { status: "invalid" }; }
        verified = true;
        ok = r.status === "correct";
        if (r.status === "invalid") note("answers the grader cannot read: counted as not earned", label);
        else text = String(answerText(q, x.answer)).slice(0, 200);
        if (x.correct && !ok) note("marked correct in the file but wrong on re-grading", label);
        else if (ok && !x.correct) note("marked wrong in the file but right on re-grading", label);
        stored += x.correct; regraded += ok;
      }
      if (revealed) note("answers given after \"Show answer\": not counted as earned", label);
      answers.push({ student: a.student, file: a.file, quiz: x.quiz, question: x.question, answer_text: text, correct: ok, verified, revealed, attempts, earned: ok && !revealed });
    }
    if (stored !== regraded) note(`score in the file ${stored} correct, on re-grading ${regraded}: the re-graded score is used`, "");
    for (const [k, w] of kinds) add(a.file, w.length > 1 || w[0] ? `${k} (${w.slice(0, 3).join(", ")}${w.length > 3 ? ` and ${w.length - 3} more` : ""})` : k);
    used.push({ file: a.file, student: a.student, answers_used: answers.filter((r) => r.file === a.file).length });
  }
  if (ungraded.size) problems.unshift({ file: "(all files)", reason: `not re-graded, as their computed answers are unknown: ${[...ungraded].sort().join(", ")}; stored flags used` });
  return { files: used.sort((x, y) => (x.file < y.file ? -1 : 1)), problems, answers };
}

/** Item analysis, as in russia_syria.classanalysis: per student, per question, per chapter. */
export function summarise(res, specs) {
  const qs = Object.values(specs).flatMap((s) => s.questions.map((q) => ({ quiz: s.id, question: q.id, prompt: q.prompt })));
  const students = [...new Set(res.files.map((f) => f.student))].sort((a, b) => (crKey(a) < crKey(b) ? -1 : crKey(a) > crKey(b) ? 1 : 0)); // code-point order, as Python's sorted()
  const by = (f) => { const m = new Map(); for (const r of res.answers) { const k = f(r); if (!m.has(k)) m.set(k, []); m.get(k).push(r); } return m; };
  const perS = by((r) => r.student), perQ = by((r) => `${r.quiz}/${r.question}`);
  const ability = new Map([...perS].map(([s, rs]) => [s, rs.filter((r) => r.earned).length / rs.length]));
  const student = students.map((s) => { const rs = perS.get(s) || []; return { student: s, answered: rs.length, right: rs.filter((r) => r.earned).length, revealed: rs.filter((r) => r.revealed).length, completion: qs.length ? rs.length / qs.length : NaN }; });
  const question = qs.map((q) => {
    const rs = perQ.get(`${q.quiz}/${q.question}`) || [];
    const right = rs.filter((r) => r.earned).length;
    let disc = NaN;
    if (rs.length >= 4) {
      const ranked = [...rs].sort((a, b) => ability.get(a.student) - ability.get(b.student));
      const k = Math.max(1, Math.round(0.27 * ranked.length)), mean = (xs) => xs.filter((r) => r.earned).length / xs.length;
      disc = mean(ranked.slice(-k)) - mean(ranked.slice(0, k));
    }
    const wrong = new Map();
    for (const r of rs) if (!r.correct) wrong.set(r.answer_text, (wrong.get(r.answer_text) || 0) + 1);
    return { ...q, answered: rs.length, right, share_correct: rs.length ? right / rs.length : NaN, discrimination: disc,
      wrong_answers: [...wrong].sort((a, b) => b[1] - a[1]).slice(0, 3) };
  });
  const chapters = Object.values(specs).map((s) => ({ quiz: s.id, questions: s.questions.length,
    mastery: Object.fromEntries(students.map((st) => [st, (perS.get(st) || []).filter((r) => r.quiz === s.id && r.earned).length / s.questions.length])) }));
  return { student, question, chapters };
}

/** The gradebook: one row per student, one column per chapter (percent), then the course; formulas defused. */
export function gradebookCsv(sum) {
  const cell = (v) => { let s = String(v); if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
  const total = sum.question.length;
  const rows = [["student", ...sum.chapters.map((c) => c.quiz), "course"]];
  for (const s of sum.student) rows.push([s.student, ...sum.chapters.map((c) => Math.round(c.mastery[s.student] * 100)), Math.round((s.right / Math.max(total, 1)) * 100)]);
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
