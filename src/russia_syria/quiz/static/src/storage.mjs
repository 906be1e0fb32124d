// Storage: saved answers in localStorage, read back as untrusted input and re-graded.
import { grade } from "./grading.mjs";

/** Version of the saved-answers format (and of the export file). */
export const VERSION = 1;

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
export const storeKey = (course, id) => `rsq:${course}:${id}`;
