// Test harness: grade answers with the course's real quiz module (no copy of the logic).
// Usage: node tests/js/grade.mjs path/to/quiz.mjs < cases.json
// cases.json: [{"question": {...normalised spec...}, "answer": ...}, ...] → prints [{status, notes, correct_text, answer_text}, ...]
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const mod = await import(pathToFileURL(process.argv[2]).href);
const cases = JSON.parse(readFileSync(0, "utf8"));
const out = cases.map(({ question, answer, call }) => {
  if (call === "parseNumber") return { value: mod.parseNumber(answer, question && question.unit) };
  if (call === "shuffled") return { value: mod.shuffled(answer.n, answer.key) };
  const r = mod.grade(question, answer);
  return { ...r, correct_text: mod.correctText(question), answer_text: r.status === "invalid" ? null : mod.answerText(question, answer) };
});
process.stdout.write(JSON.stringify(out));
