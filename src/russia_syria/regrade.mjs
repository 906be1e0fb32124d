// Re-grade students' exported answers with the course's one grader (quiz/static/quiz.mjs): no copy of its logic.
// Usage: node regrade.mjs path/to/quiz.mjs < [{"question": {...spec...}, "answer": ...}, ...]
// Prints [{"status": "correct"|"wrong"|"invalid", "answer_text": "..."}, ...] in the same order.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const { grade, answerText } = await import(pathToFileURL(process.argv[2]).href);
const cases = JSON.parse(readFileSync(0, "utf8"));
const out = cases.map(({ question, answer }) => {
  try {
    const r = grade(question, answer);
    return { status: r.status, answer_text: r.status === "invalid" ? "" : String(answerText(question, answer)).slice(0, 200) };
  } catch (e) { // a hand-edited answer the grader cannot read at all: treated as unreadable, never a crash
    return { status: "invalid", answer_text: "" };
  }
});
process.stdout.write(JSON.stringify(out));
