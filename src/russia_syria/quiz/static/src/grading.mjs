// Grading: read an answer, judge it, say it in words (pure functions, no DOM, no storage).

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

export const isPerm = (a, n) => Array.isArray(a) && a.length === n && new Set(a).size === n && a.every((i) => Number.isInteger(i) && i >= 0 && i < n);

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
