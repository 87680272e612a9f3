import { parseOdsCode } from "./ods";
import { templatePlaceholders } from "./request-text";
import { parseSmartcardId } from "./smartcard";
import { classify, findCsmsErrors, matches, overlaps, type CsmsErrorMention, type TriageCategory } from "./triage-cues";

export type { CsmsErrorMention, TriageCategory } from "./triage-cues";
export type Span = {
  start: number;
  end: number;
  kind: "smartcard_id" | "near_miss" | "placeholder" | "ods_code" | "csms_error" | "category_cue";
};
export type Triage = {
  smartcardIds: string[]; // distinct, 12 bare digits, in order of appearance
  idMissing: boolean;
  placeholderUntouched: boolean;
  nearMisses: { text: string; digits: number }[]; // flagged for the RA, never used as an ID
  odsCodes: string[]; // distinct, upper case, in order of appearance
  csmsErrors: CsmsErrorMention[]; // in order of first mention
  category: TriageCategory;
  spans: Span[]; // non-overlapping, sorted by start
};

const ID_DIGITS = 12;
// Digits with single separators between them (the separators parseSmartcardId accepts). Greedy, so an
// ID is never cut out of a longer number: "5555 1234 5678 9" is one 13-digit run, not an ID.
const DIGIT_RUN = /\d(?:[ \u00A0\-\u2013]?\d)*/g;
// "+44 7700 900123" has exactly 12 digits: a leading "+" (or "+44 (0)") marks an international phone.
const INTERNATIONAL = /\+[ \u00A0]?(?:\d{1,3}[ \u00A0]?\(0\)[ \u00A0]?)?$/;
const PHONE_CUE =
  /\b(?:tel|telephone|phone|mob|mobile|fax|ext|extension|direct\s+(?:line|dial)|switchboard|bleep|nhs\s+(?:no|number))\b\.?[\s.:#=\-\u2013]*$/i;
const ID_CUE =
  /(?:smart\s*card|\bcard|\bid|\buuid)(?:[\s.:#=\-\u2013]*(?:number|num|no|id|is|was)\b)*[\s.:#=\-\u2013]*$/i;
// "5555 - 1234 - 5678" and "5555.1234.5678" are IDs too, but dots and spaced dashes also join dates
// (2026.11.25), IP addresses (192.168.100.200 has 12 digits), versions and phone numbers. So a run with
// such a separator is an ID only in the printed 4-4-4 grouping, or with 12 digits right after "smartcard
// ID"; three groups a digit off that (4-4-3, 4-4-5) are a near miss; any other such number is ignored.
// Starts only at the first digit of a number, so a long digit string is not re-scanned from every digit.
const LOOSE_RUN = /(?<!\d)\d+(?:(?:[ \u00A0]?[-\u2013][ \u00A0]?|\.|[ \u00A0])\d+)+/g;
const LOOSE_SEPARATOR = /\.|[ \u00A0][-\u2013]|[-\u2013][ \u00A0]/;
const PLACEHOLDER = /\(\s*enter\s+your\s+smart\s*card\s+id\s+number\s*\)|enter\s+your\s+smart\s*card\s+id\s+number/gi;

const ODS_GP_OR_PCN = /\b[A-Za-z]\d{5}\b/g;
// Trust sites (RXX01, RJ701) need a letter among the first three characters and two trailing digits,
// so neither words ("HELLO") nor job role codes ("R8001") are taken for organisations.
const ODS_TRUST_SITE = /\b[RT](?:[A-Z][A-Z0-9]|\d[A-Z])\d{2}\b/g;
// Three-character trust codes look like ordinary words ("NHS", "and"), so they count only when introduced.
const ODS_INTRODUCED =
  /\b(?:ods(?:\s+code)?|org(?:ani[sz]ation)?\s+code|practice\s+code|site\s+code)s?[\s:=#\-\u2013]*(?:(?:is|of)\s+)?([A-Za-z0-9]{3,10})\b/gi;

const SPAN_PRIORITY: Span["kind"][] = ["smartcard_id", "near_miss", "placeholder", "ods_code", "csms_error", "category_cue"];

/** Splits a run into consecutive 12-digit IDs cut at separators ("5555 1234 5678 6666 1234 5678"), or null. */
function splitIntoIds(run: string): { start: number; end: number }[] | null {
  const pieces: { start: number; end: number }[] = [];
  let pieceStart = 0;
  let count = 0;
  for (let i = 0; i < run.length; i++) {
    if (/\d/.test(run[i]!)) {
      if (++count > ID_DIGITS) return null;
    } else if (count === ID_DIGITS) {
      pieces.push({ start: pieceStart, end: i });
      pieceStart = i + 1;
      count = 0;
    }
  }
  if (count !== ID_DIGITS) return null;
  pieces.push({ start: pieceStart, end: run.length });
  return pieces;
}

/**
 * Phone numbers are skipped rather than flagged: a UK number (10/11 digits from 0, 13/14 from 00) or
 * one introduced by "Tel"/"Mob"/"NHS number" is almost always a signature line. A run right after
 * "smartcard"/"ID" is treated as an attempted ID even if it starts with 0.
 */
function isPhone(digits: string, before: string): boolean {
  if (ID_CUE.test(before)) return false;
  if (PHONE_CUE.test(before)) return true;
  const n = digits.length;
  return ((n === 10 || n === 11) && digits.startsWith("0")) || ((n === 13 || n === 14) && digits.startsWith("00"));
}

function findNumbers(text: string, spans: Span[]) {
  const ids: string[] = [];
  const nearMisses: { text: string; digits: number }[] = [];
  for (const run of matches(text, DIGIT_RUN)) {
    const before = text.slice(Math.max(0, run.start - 40), run.start);
    if (INTERNATIONAL.test(before)) continue;
    const pieces = splitIntoIds(run.text);
    if (pieces) {
      for (const p of pieces) {
        const parsed = parseSmartcardId(run.text.slice(p.start, p.end));
        if (!parsed.ok) continue;
        if (!ids.includes(parsed.value)) ids.push(parsed.value);
        spans.push({ start: run.start + p.start, end: run.start + p.end, kind: "smartcard_id" });
      }
      continue;
    }
    const digits = run.text.replace(/\D/g, "");
    const n = digits.length;
    if (isPhone(digits, before)) continue;
    // 10-14 digits is one slip from an ID; after "smartcard ID:" any sizeable number was meant as one.
    if ((n >= 10 && n <= 14) || (n >= 6 && ID_CUE.test(before))) {
      nearMisses.push({ text: run.text, digits: n });
      spans.push({ start: run.start, end: run.end, kind: "near_miss" });
    }
  }
  for (const run of matches(text, LOOSE_RUN)) {
    if (!LOOSE_SEPARATOR.test(run.text) || spans.some((s) => overlaps(s, run))) continue;
    const before = text.slice(Math.max(0, run.start - 40), run.start);
    const digits = run.text.replace(/\D/g, "");
    const kind = INTERNATIONAL.test(before) || isPhone(digits, before) ? null : readLooseRun(run.text, ID_CUE.test(before));
    if (kind === "smartcard_id" && !ids.includes(digits)) ids.push(digits);
    if (kind === "near_miss") nearMisses.push({ text: run.text, digits: digits.length });
    if (kind !== null) spans.push({ start: run.start, end: run.end, kind });
  }
  return { ids, nearMisses };
}

function readLooseRun(run: string, afterIdCue: boolean): "smartcard_id" | "near_miss" | null {
  const groups = run.split(/\D+/);
  const n = groups.join("").length;
  if (groups.length === 3 && groups.every((g) => g.length === 4)) return "smartcard_id";
  if (afterIdCue) return n === ID_DIGITS ? "smartcard_id" : n >= 6 ? "near_miss" : null;
  const fours = groups.filter((g) => g.length === 4).length;
  return groups.length === 3 && fours >= 2 && n >= 10 && n <= 14 ? "near_miss" : null;
}

function findOdsCodes(text: string): { code: string; start: number; end: number }[] {
  const found = [...matches(text, ODS_GP_OR_PCN), ...matches(text, ODS_TRUST_SITE)].map((m) => ({ ...m, code: m.text.toUpperCase() }));
  for (const m of text.matchAll(ODS_INTRODUCED)) {
    const token = m[1] ?? "";
    const parsed = parseOdsCode(token);
    // A lower-case word after "ODS code" ("for", "is") is prose; real codes are written in capitals or carry digits.
    if (!parsed.ok || !(/\d/.test(token) || token === token.toUpperCase())) continue;
    const end = m.index + m[0].length;
    found.push({ code: parsed.value.code, start: end - token.length, end, text: token });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Keeps the most useful highlight where two overlap (an ID beats the "ID" cue inside it, and so on). */
function tidySpans(spans: Span[]): Span[] {
  const kept: Span[] = [];
  const byPriority = [...spans].sort(
    (a, b) => SPAN_PRIORITY.indexOf(a.kind) - SPAN_PRIORITY.indexOf(b.kind) || a.start - b.start,
  );
  for (const s of byPriority) if (s.end > s.start && !kept.some((k) => overlaps(k, s))) kept.push(s);
  return kept.sort((a, b) => a.start - b.start);
}

/** Reads an access help request as staff actually write it: IDs, ODS codes, CSMS errors and what kind of problem it is. */
export function triageText(text: string): Triage {
  const spans: Span[] = [];
  const { ids, nearMisses } = findNumbers(text, spans);

  const placeholders = matches(text, PLACEHOLDER);
  // Variants of the template's bracketed placeholder ("[enter your smartcard ID]") say the same: no ID given.
  for (const p of templatePlaceholders(text)) {
    const hit = { start: p.start, end: p.start + p.text.length, text: p.text };
    if (p.aboutSmartcardId && !placeholders.some((q) => overlaps(q, hit))) placeholders.push(hit);
  }
  for (const p of placeholders) spans.push({ start: p.start, end: p.end, kind: "placeholder" });

  const odsCodes: string[] = [];
  for (const o of findOdsCodes(text)) {
    // "a55555 1234567" is part of a number, not a practice.
    if (spans.some((s) => (s.kind === "smartcard_id" || s.kind === "near_miss") && overlaps(s, o))) continue;
    if (!odsCodes.includes(o.code)) odsCodes.push(o.code);
    spans.push({ start: o.start, end: o.end, kind: "ods_code" });
  }

  const errorHits = findCsmsErrors(text);
  const csmsErrors = [...new Set(errorHits.map((e) => e.kind))];
  for (const e of errorHits) spans.push({ start: e.start, end: e.end, kind: "csms_error" });

  const { category, cues } = classify(text, csmsErrors.length > 0);
  for (const c of cues) spans.push({ start: c.start, end: c.end, kind: "category_cue" });

  return {
    smartcardIds: ids,
    idMissing: ids.length === 0,
    placeholderUntouched: placeholders.length > 0,
    nearMisses,
    odsCodes,
    csmsErrors,
    category,
    spans: tidySpans(spans),
  };
}
