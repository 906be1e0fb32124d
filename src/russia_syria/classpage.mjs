// The class-results page: a file picker (or drop zone) and the analysis of classresults.mjs, drawn with
// textContent only. Inlined after quiz.mjs and classresults.mjs in one module (see classpage.py).
function crEl(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") e.textContent = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of kids) if (c != null) e.append(c);
  return e;
}
const crPct = (v) => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : "–");
function crTable(caption, head, rows) {
  return crEl("table", { class: "rs-cr-table" }, crEl("caption", { text: caption }),
    crEl("thead", {}, crEl("tr", {}, ...head.map((h) => crEl("th", { scope: "col", text: h })))),
    crEl("tbody", {}, ...rows.map((r) => crEl("tr", {}, ...r.map((c) => crEl("td", { text: String(c) }))))));
}

/** A one-page printable summary, as a standalone HTML document built with DOM calls (text is never markup). */
export function summaryHtml(res, sum) {
  const doc = document.implementation.createHTMLDocument("Class summary");
  const mk = (tag, text) => { const e = doc.createElement(tag); if (text != null) e.textContent = text; return e; };
  const table = (head, rows) => { const t = mk("table"), tr = mk("tr"); head.forEach((h) => { const th = mk("th", h); th.scope = "col"; tr.append(th); });
    t.append(tr); for (const r of rows) { const row = mk("tr"); r.forEach((c) => row.append(mk("td", String(c)))); t.append(row); } return t; };
  doc.documentElement.lang = "en";
  doc.head.append(Object.assign(mk("style"), { textContent: "@page{size:A4;margin:12mm}body{font:10pt/1.3 system-ui,sans-serif}table{border-collapse:collapse;width:100%;margin:.4em 0}td,th{border:1px solid #999;padding:2px 4px;text-align:left;vertical-align:top}h1{font-size:14pt}h2{font-size:11pt}" }));
  const hardest = sum.question.filter((q) => q.answered).sort((a, b) => a.share_correct - b.share_correct).slice(0, 6);
  doc.body.append(mk("h1", "Class summary"),
    mk("p", `${res.files.length} students' files read; ${new Set(res.problems.map((p) => p.file)).size} file(s) with problems. Answers are re-graded; an answer shown with "Show answer" first is not counted.`),
    mk("h2", "Mastery per chapter"),
    table(["Quiz", "Mean mastery"], sum.chapters.map((c) => { const v = Object.values(c.mastery); return [c.quiz, crPct(v.reduce((a, b) => a + b, 0) / v.length)]; })),
    mk("h2", "Questions to revisit (lowest share correct)"),
    table(["Question", "Prompt", "Correct", "Most chosen wrong answers"], hardest.map((q) => [`${q.quiz} / ${q.question}`, q.prompt.slice(0, 120),
      `${crPct(q.share_correct)} (n=${q.answered})`, q.wrong_answers.map(([t, n]) => `${t} (${n})`).join("; ").slice(0, 160)])),
    mk("p", "Practice records graded in the students' browsers and re-graded here: they show where the class stands, not who did the work."));
  return "<!doctype html>\n" + doc.documentElement.outerHTML;
}

function crSave(text, type, name) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = crEl("a", { href: url, download: name });
  document.body.append(a); a.click(); a.remove(); setTimeout(() => URL.revokeObjectURL(url), 5000);
}

export function mountClassPage(el, specs, fields) {
  const out = crEl("div", { class: "rs-cr-out" });
  const status = crEl("p", { role: "status", "aria-live": "polite", class: "rs-cr-status", text: "No files read yet." });
  const input = crEl("input", { type: "file", id: "rs-cr-files", multiple: "", accept: ".json,application/json" });
  const run = async (list) => {
    const files = [];
    for (const f of list) files.push({ name: f.name, size: f.size, text: f.size > 2_000_000 ? "" : await f.text() });
    const res = analyse(files, specs, { grade, answerText }, Date.now(), fields);
    const sum = summarise(res, specs);
    status.textContent = `${res.files.length} students' files used; ${new Set(res.problems.map((p) => p.file)).size} files with problems.`;
    const csv = gradebookCsv(sum);
    const dl = crEl("button", { type: "button", class: "rs-cr-csv", text: "Download the gradebook (CSV)",
      onclick: () => crSave("\ufeff" + csv, "text/csv", "class-gradebook.csv") });
    const pr = crEl("button", { type: "button", class: "rs-cr-summary", text: "Download a one-page summary to print (HTML)",
      onclick: () => crSave(summaryHtml(res, sum), "text/html", "class-summary.html") });
    out.replaceChildren(
      crEl("h3", { text: "Files with problems" }),
      res.problems.length ? crEl("ul", { class: "rs-cr-problems" }, ...res.problems.map((p) => crEl("li", { text: `${p.file}: ${p.reason}` }))) : crEl("p", { text: "None." }),
      crTable("Per student", ["Student", "Answered", "Right", "Revealed", "Completion"],
        sum.student.map((s) => [s.student, s.answered, s.right, s.revealed, crPct(s.completion)])),
      crTable("Per chapter: mean mastery", ["Quiz", "Questions", "Mean mastery"],
        sum.chapters.map((c) => { const v = Object.values(c.mastery); return [c.quiz, c.questions, crPct(v.reduce((a, b) => a + b, 0) / v.length)]; })),
      crTable("Per question", ["Quiz", "Question", "Prompt", "Answered", "Share correct", "Discrimination", "Most chosen wrong answers"],
        sum.question.map((q) => [q.quiz, q.question, q.prompt, q.answered, crPct(q.share_correct),
          Number.isFinite(q.discrimination) ? q.discrimination.toFixed(2) : "–", q.wrong_answers.map(([t, n]) => `${t} (${n})`).join("; ")])),
      dl, pr);
  };
  input.addEventListener("change", () => run([...input.files]));
  const drop = crEl("div", { class: "rs-cr-drop", text: "…or drop the files here." });
  drop.addEventListener("dragover", (e) => e.preventDefault());
  drop.addEventListener("drop", (e) => { e.preventDefault(); run([...e.dataTransfer.files]); });
  el.replaceChildren(crEl("div", { class: "rs-cr" },
    crEl("label", { for: "rs-cr-files", text: "Choose your class's exported files (they stay on this computer): " }), input, drop, status, out));
}
