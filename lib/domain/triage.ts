import { parseOdsCode } from "./ods";
import { parseSmartcardId } from "./smartcard";

export type TriageCategory = "permissions" | "smartcard_locked" | "no_care_id" | "technical" | "unclear";
export type CsmsErrorMention = "no_valid_role" | "no_workgroup";
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
const PLACEHOLDER = /\(\s*enter\s+your\s+smart\s*card\s+id\s+number\s*\)|enter\s+your\s+smart\s*card\s+id\s+number/gi;

const ODS_GP_OR_PCN = /\b[A-Za-z]\d{5}\b/g;
// Trust sites (RXX01, RJ701) need a letter among the first three characters and two trailing digits,
// so neither words ("HELLO") nor job role codes ("R8001") are taken for organisations.
const ODS_TRUST_SITE = /\b[RT](?:[A-Z][A-Z0-9]|\d[A-Z])\d{2}\b/g;
// Three-character trust codes look like ordinary words ("NHS", "and"), so they count only when introduced.
const ODS_INTRODUCED =
  /\b(?:ods(?:\s+code)?|org(?:ani[sz]ation)?\s+code|practice\s+code|site\s+code)s?[\s:=#\-\u2013]*(?:(?:is|of)\s+)?([A-Za-z0-9]{3,10})\b/gi;

const CSMS_ERRORS: readonly (readonly [CsmsErrorMention, RegExp])[] = [
  ["no_valid_role", /(?:\bno|\bnot\s+(?:have\s+)?a|n['’]t\s+have\s+a|\bwithout\s+a)\W+valid(?:\W+\w+){0,2}?\W+roles?\b/gi],
  ["no_valid_role", /\b(?:role\W+not\W+found|no\W+(?:csms\W+)?roles?\W+found)\b/gi],
  ["no_workgroup", /(?:\bno|n['’]t\s+have\s+(?:a|the)|\bmissing(?:\s+(?:the|a))?|\bwithout\s+(?:a|the))\W+(?:valid\W+|correct\W+|cervical\s*screening\W+)?work\W?groups?\b/gi],
  ["no_workgroup", /\bnot\W+in\W+(?:the\W+|a\W+)?(?:correct\W+|right\W+|valid\W+)?work\W?groups?\b/gi],
  ["no_workgroup", /\bwork\W?groups?\W+(?:error|not\W+found)\b/gi],
];

const NOT = String.raw`(?:do\s+not|does\s+not|have\s+not|has\s+not|never|(?:do|does|have|has)n['’]?t)`;
const CARD_OR_ID = String.raw`(?:nhs\s+)?(?:smart\s*card|care\s*id(?:entity)?)`;
const CUES: Record<Exclude<TriageCategory, "unclear">, RegExp[]> = {
  smartcard_locked: [
    /\b(?:smart\s*)?card\b[^.\n]{0,30}?\b(?:locked|blocked)\b/gi,
    /\blocked\s+(?:smart\s*)?card\b|\blocked\s+out\b|\bunlock(?:ed|ing)?\b/gi,
    /\bforg(?:ot|otten|et)\b[^.\n]{0,25}?\b(?:pass\s*code|pin|password)\b/gi,
    /\b(?:pass\s*code|pin)\b[^.\n]{0,30}?\b(?:locked|blocked|forgotten|expired|wrong|incorrect)\b/gi,
    /\btoo\s+many\s+(?:attempts|tries)\b|\breset\s+(?:my\s+)?(?:pass\s*code|pin)\b/gi,
  ],
  no_care_id: [
    new RegExp(String.raw`\b${NOT}\s+(?:(?:got|had|have|yet|been|issued|given|with)\s+)*(?:a|an|my|any)?\s*${CARD_OR_ID}\b(?!\s*reader)`, "gi"),
    new RegExp(String.raw`\bno\s+${CARD_OR_ID}\b(?!\s*reader)`, "gi"),
    /\bwithout\s+an?\s+(?:smart\s*)?card\b/gi,
    new RegExp(String.raw`\b(?:apply|applying|application)\s+for\s+(?:a|an|my)\s+${CARD_OR_ID}\b`, "gi"),
    new RegExp(String.raw`\b(?:get|obtain|order|issue)\s+(?:me\s+)?an?\s+${CARD_OR_ID}\b`, "gi"),
    new RegExp(String.raw`\bwaiting\s+for\s+(?:my|a)\s+${CARD_OR_ID}\b`, "gi"),
  ],
  technical: [
    /\b(?:smart\s*)?card\s+readers?\b|\bbrowsers?\b|\b(?:chrome|firefox|internet\s+explorer|microsoft\s+edge)\b/gi,
    /\b(?:page|site|screen|website|login\s+page)\s+(?:won['’]?t|will\s+not|does\s*n['’]?t|does\s+not|is\s*n['’]?t|is\s+not|not)\s+(?:load|loading|open|opening)\b/gi,
    /\bcertificates?\b|\bidentity\s+agent\b|\berror\s*(?:code\s*)?[45]\d\d\b|\b[45]\d\d\s+error\b/gi,
    // "Sent from Mail for Windows" is a signature line in forwarded mail, not a technical problem.
    /(?<!mail\s+for\s+)\bwindows\b|\bblank\s+(?:page|screen)\b|\btim(?:es|ed|ing)?\s*out\b|\bcan['’]?t\s+be\s+reached\b/gi,
    /\b(?:(?:smart\s*)?card|reader)\s+(?:is\s+not|isn['’]?t|not)\s+(?:being\s+)?(?:recogni[sz]ed|detected|read)\b|\b(?:crash(?:es|ed|ing)?|freez(?:es|ing))\b|\bcache\b|\bcookies\b/gi,
  ],
  permissions: [
    /\baccess\s+permissions?\b|\bpermissions\b|\brbac\b|\bwork\W?groups?\b|\bcervicalscreening\b/gi,
    // "Role: Practice Nurse" in a signature is a label, not a request about roles.
    /\broles?\b(?!\s*:)/gi,
    /\baccess\s+(?:to|for|on)\s+(?:the\s+)?(?:csms|cervical\s+screening\s+management\s+system)\b/gi,
  ],
};
// The more specific wins: a locked card stops everything; a CSMS error page proves the person has a
// Care ID and got through login (so it outranks "no Care ID" and "technical"); a missing Care ID makes
// permissions moot; a technical fault is checked before permissions because RA changes cannot fix it.
const AFTER_CSMS_ERROR = ["no_care_id", "technical", "permissions"] as const;
const SPAN_PRIORITY: Span["kind"][] = ["smartcard_id", "near_miss", "placeholder", "ods_code", "csms_error", "category_cue"];

function matches(text: string, re: RegExp): { start: number; end: number; text: string }[] {
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
}

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
  return { ids, nearMisses };
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

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
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
  for (const p of placeholders) spans.push({ start: p.start, end: p.end, kind: "placeholder" });

  const odsCodes: string[] = [];
  for (const o of findOdsCodes(text)) {
    // "a55555 1234567" is part of a number, not a practice.
    if (spans.some((s) => (s.kind === "smartcard_id" || s.kind === "near_miss") && overlaps(s, o))) continue;
    if (!odsCodes.includes(o.code)) odsCodes.push(o.code);
    spans.push({ start: o.start, end: o.end, kind: "ods_code" });
  }

  const errorHits = CSMS_ERRORS.flatMap(([kind, re]) => matches(text, re).map((m) => ({ ...m, kind })));
  errorHits.sort((a, b) => a.start - b.start);
  const csmsErrors = [...new Set(errorHits.map((e) => e.kind))];
  for (const e of errorHits) spans.push({ start: e.start, end: e.end, kind: "csms_error" });

  const cueHits = (category: keyof typeof CUES) => CUES[category].flatMap((re) => matches(text, re));
  let category: TriageCategory = "unclear";
  if (cueHits("smartcard_locked").length > 0) category = "smartcard_locked";
  else if (csmsErrors.length > 0) category = "permissions";
  else category = AFTER_CSMS_ERROR.find((c) => cueHits(c).length > 0) ?? "unclear";
  if (category !== "unclear") {
    for (const c of cueHits(category)) spans.push({ start: c.start, end: c.end, kind: "category_cue" });
  }

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
