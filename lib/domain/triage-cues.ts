// What kind of problem an access help request describes. Split from triage.ts, which finds the numbers
// and codes; this file holds the wording rules and the order in which they win.

export type TriageCategory = "permissions" | "smartcard_locked" | "no_care_id" | "technical" | "unclear";
export type CsmsErrorMention = "no_valid_role" | "no_workgroup";
export type Hit = { start: number; end: number; text: string };

export function matches(text: string, re: RegExp): Hit[] {
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

const all = (text: string, res: readonly RegExp[]) => res.flatMap((re) => matches(text, re));

// Mail-client footers name devices and operating systems ("Get Outlook for Windows"); they say how the
// message was sent, not what went wrong, so they are blanked (same length, offsets kept) before reading cues.
const SIGNATURE_LINE =
  /^[ \t>]*(?:sent\s+(?:from|via|using|with)\s+(?:my\s+)?(?:[\w'’.-]+\s+){0,4}?(?:iphone|ipad|android|galaxy|samsung|huawei|pixel|blackberry|mobile|phone|smartphone|tablet|device|outlook|mail|nhsmail|gmail|yahoo|windows|ios|mac)\b[^\n]{0,40}|(?:get|download)\s+outlook\s+for\s+\w+[^\n]{0,80})$/gim;

export function maskSignatures(text: string): string {
  return text.replace(SIGNATURE_LINE, (line) => " ".repeat(line.length));
}

export const CSMS_ERRORS: readonly (readonly [CsmsErrorMention, RegExp])[] = [
  ["no_valid_role", /(?:\bno|\bnot\s+(?:have\s+)?a|n['’]t\s+have\s+a|\bwithout\s+a)\W+valid(?:\W+\w+){0,2}?\W+roles?\b/gi],
  ["no_valid_role", /\b(?:role\W+not\W+found|no\W+(?:csms\W+)?roles?\W+found)\b/gi],
  // The guidance captions the "no valid role" screen "Missing cervical screening role".
  ["no_valid_role", /\bmissing\W+(?:(?:the|a|my|valid|correct|job|rbac|csms|cervical\s*screening)\W+){0,3}roles?\b/gi],
  ["no_valid_role", /\bno\W+(?:csms|cervical\s*screening)\W+(?:job\W+)?roles?\b|\broles?\W+(?:is\W+|are\W+)?missing\b/gi],
  ["no_workgroup", /(?:\bno|n['’]t\s+have\s+(?:a|the)|\bmissing(?:\s+(?:the|a))?|\bwithout\s+(?:a|the))\W+(?:valid\W+|correct\W+|cervical\s*screening\W+)?work\W?groups?\b/gi],
  ["no_workgroup", /\bnot\W+in\W+(?:the\W+|a\W+)?(?:correct\W+|right\W+|valid\W+)?work\W?groups?\b/gi],
  ["no_workgroup", /\bwork\W?groups?\W+(?:error|not\W+found|(?:is\W+|are\W+)?missing)\b/gi],
];

export function findCsmsErrors(text: string): (Hit & { kind: CsmsErrorMention })[] {
  const masked = maskSignatures(text);
  return CSMS_ERRORS.flatMap(([kind, re]) => matches(masked, re).map((m) => ({ ...m, kind }))).sort((a, b) => a.start - b.start);
}

const LOCKED = [
  /\b(?:smart\s*)?card\b[^.\n]{0,30}?\b(?:locked|blocked)\b/gi,
  /\blocked\s+(?:smart\s*)?card\b|\blocked\s+out\b|\bunlock(?:ed|ing)?\b/gi,
  /\bforg(?:ot|otten|et)\b[^.\n]{0,25}?\b(?:pass\s*code|pin|password)\b/gi,
  /\b(?:can['’]?t|cannot|don['’]?t)\s+remember\b[^.\n]{0,25}?\b(?:pass\s*code|pin|password)\b/gi,
  /\b(?:pass\s*code|pin)\b[^.\n]{0,30}?\b(?:locked|blocked|forgotten|expired|wrong|incorrect)\b/gi,
  /\btoo\s+many\s+(?:attempts|tries|times)\b|\breset\s+(?:my\s+)?(?:pass\s*code|pin)\b|\b(?:wrong|incorrect)\s+(?:pass\s*code|pin)\b/gi,
  /\blocked\s+(?:(?:me\s+)?out\s+)?again\b|\bre-?locked\b|\blocked\s+itself\b/gi,
];
// "Still locked" is the present even when written before the story of an unlock that did not take.
const STILL_LOCKED = /\bstill\s+(?:\w+\s+)?(?:locked|blocked)\b/gi;

// A lock that has been dealt with ("the service desk unlocked it", "it's been unlocked") is history: the
// person writes because something else is wrong. Only unambiguous past or perfect forms count ("I reset
// it" could be a request; "someone reset my passcode?" is one), and each hit is checked below.
const WHO = String.raw`(?:i|we|they|he|she|someone|somebody|desk|team|administrator|admin|manager|agent|ra|it|colleague|lead|tool)(?:['’](?:ve|d))?`;
const SO_FAR = String.raw`(?:(?:have|has|had|just|then|now|finally|successfully|already|eventually|kindly|since)\s+)*`;
const RESOLVED = [
  new RegExp(String.raw`\b${WHO}\s+${SO_FAR}unlocked\b`, "gi"),
  /\bunlocked\s+(?:it|me|her|him|my\s+(?:nhs\s+)?(?:smart\s*)?card|the\s+(?:smart\s*)?card)\b/gi,
  /\b(?:has|have|had|was|were|been|is|are|now|it['’]s|its)\s+(?:(?:now|been|since|just|finally|already|successfully)\s+)*(?:unlocked|reset)\b/gi,
  /\bgot\s+(?:it|my\s+(?:smart\s*)?card|the\s+(?:smart\s*)?card)\s+unlocked\b/gi,
  new RegExp(String.raw`\b${WHO}\s+${SO_FAR}(?:reset|changed)\s+(?:it|my\s+(?:pass\s*code|pin|password)|the\s+(?:pass\s*code|pin))\b`, "gi"),
  /\b(?:after|since)\s+(?:(?:i|we|they|it)\s+)?(?:had\s+|was\s+|been\s+)?(?:unlocking|unlocked|resetting)\b/gi,
  /\bused\s+(?:the\s+)?self[\s-]*service(?:\s+(?:unlock\s+)?tool)?(?:\s+to\s+(?:unlock|reset)(?:\s+(?:it|my\s+(?:smart\s*)?card|my\s+(?:pass\s*code|pin)))?)?/gi,
  // A lock denied is no lock: "my card isn't locked, but CSMS says no valid role".
  /\b(?:is\s*n['’]?t|is\s+not|was\s*n['’]?t|was\s+not|not|never\s+(?:been\s+)?|no\s+longer)\s+(?:locked|blocked)(?:\s+out)?\b/gi,
];
const NEGATED_OR_ASKED =
  /\b(?:not|never|cannot|unable\s+to|yet\s+to|(?:has|have|had|is|was|were|do|does|did|could|can|would|wo|ca)n['’]?t|can|could|would|will|shall|should|please|pls|need|needs|how|do|does|may|might|must|want|trying|tried|to)\W+(?:\w+\W+)?$/i;
const FAILED = /^[^.?!\n]*?\b(?:did\s*n['’]?t\s+work|did\s+not\s+work|failed|no\s+luck|unsuccessful)\b/i;

function isResolution(text: string, hit: Hit): boolean {
  if (NEGATED_OR_ASKED.test(text.slice(Math.max(0, hit.start - 30), hit.start))) return false;
  const rest = text.slice(hit.end);
  // "Has it been unlocked?" asks; "I used the self-service tool but it didn't work" reports a failure.
  const sentenceEnd = rest.search(/[.!?\n]/);
  return rest[sentenceEnd] !== "?" && !FAILED.test(rest);
}

/** Lock cues that still apply: not part of a resolved or denied lock, and not told before the resolution. */
function currentLock(text: string): Hit[] {
  const resolved = all(text, RESOLVED).filter((h) => isResolution(text, h));
  const lastResolved = Math.max(-1, ...resolved.map((r) => r.end));
  const unresolved = (h: Hit) => !resolved.some((r) => overlaps(r, h));
  const still = matches(text, STILL_LOCKED).filter(unresolved);
  return [...still, ...all(text, LOCKED).filter((h) => unresolved(h) && h.start >= lastResolved)];
}

const NOT = String.raw`(?:do\s+not|does\s+not|have\s+not|has\s+not|never|(?:do|does|have|has)n['’]?t)`;
const CARD_OR_ID = String.raw`(?:nhs\s+)?(?:smart\s*card|care\s*id(?:entity)?)`;
const NO_CARE_ID = [
  new RegExp(String.raw`\b${NOT}\s+(?:(?:got|had|have|yet|been|issued|given|with)\s+)*(?:a|an|my|any)?\s*${CARD_OR_ID}\b(?!\s*reader)`, "gi"),
  new RegExp(String.raw`\bno\s+${CARD_OR_ID}\b(?!\s*reader)`, "gi"),
  /\bwithout\s+an?\s+(?:smart\s*)?card\b/gi,
  new RegExp(String.raw`\b(?:apply|applying|application)\s+for\s+(?:a|an|my)\s+${CARD_OR_ID}\b`, "gi"),
  new RegExp(String.raw`\b(?:get|obtain|order|issue)\s+(?:me\s+)?an?\s+${CARD_OR_ID}\b`, "gi"),
  new RegExp(String.raw`\bwaiting\s+for\s+(?:my|a)\s+${CARD_OR_ID}\b`, "gi"),
];
// A card left at home, forgotten or lost exists: its owner has a Care ID, so "no Care ID" is the wrong route.
const CARD = String.raw`(?:nhs\s+)?(?:smart\s*)?card`;
const CARD_AWAY = [
  new RegExp(String.raw`\b(?:left|forgot(?:ten)?|lost|misplaced|mislaid)\s+(?:my|the|her|his)\s+${CARD}\b(?!\s*(?:pass\s*code|pin|password|number|id)\b)`, "gi"),
  new RegExp(String.raw`\b(?:${NOT}|not|did\s*n['’]?t|did\s+not)\s+(?:got|have|had|brought|bring|with)\s+(?:my|the|her|his)\s+${CARD}\s+(?:with\s+(?:me|her|him)|on\s+(?:me|her|him)|to\s+hand|here|today|at\s+(?:the\s+moment|work|home)|in\s+work|right\s+now)\b`, "gi"),
  new RegExp(String.raw`\b${CARD}\s+(?:is|was|['’]s)\s+(?:still\s+)?(?:at\s+home|in\s+the\s+car|at\s+the\s+other\s+(?:site|practice|surgery))\b`, "gi"),
];

// A fault that an RA change cannot fix. Outranks a permissions request: "the page is blank in Edge".
const TECH_FAULT = [
  /\b(?:page|site|screen|website|login\s+page|csms|system|it)\s+(?:won['’]?t|will\s+not|does\s*n['’]?t|does\s+not|is\s*n['’]?t|is\s+not|not|can['’]?t|cannot|fails\s+to)\s+(?:load|loading|open|opening)\b/gi,
  /\b(?:page|screen|window|site)\s+(?:is|was|goes|went|stays|comes\s+up)\s+(?:\w+\s+)?(?:blank|white|empty)\b|\bblank\s+(?:page|screen)\b/gi,
  /\bcertificates?\b|\bidentity\s+agent\b|\berror\s*(?:code\s*)?[45]\d\d\b|\b[45]\d\d\s+(?:error|not\s+found|internal|bad\s+gateway|forbidden)\b/gi,
  /\btim(?:es|ed|ing)?\s*out\b|\bcan['’]?t\s+be\s+reached\b|\b(?:crash(?:es|ed|ing)?|freez(?:es|ing)|froze)\b/gi,
  /\b(?:(?:smart\s*)?card|reader)\s+(?:is\s+not|isn['’]?t|not)\s+(?:being\s+)?(?:recogni[sz]ed|detected|read|working)\b/gi,
];
// Browsers, Windows, readers, a cleared cache: context people add when they have tried the usual
// things. On their own they still point at IT; beside a permissions request they are not the problem.
const TECH_CONTEXT = [
  /\b(?:smart\s*)?card\s+readers?\b|\bbrowsers?\b|\b(?:chrome|firefox|safari|internet\s+explorer|microsoft\s+edge)\b/gi,
  /\b(?:in|on|using|use|with|via|through)\s+edge\b|\bwindows\b|\bcache\b|\bcookies\b/gi,
];

const PERMISSIONS = [
  /\baccess\s+permissions?\b|\bpermissions\b|\brbac\b|\bwork\W?groups?\b|\bcervicalscreening\b/gi,
  // "Role: Practice Nurse" in a signature is a label, not a request about roles.
  /\broles?\b(?!\s*:)/gi,
  /\baccess\s+(?:to|for|on)\s+(?:the\s+)?(?:csms|cervical\s+screening\s+management\s+system)\b|\bcsms\s+access\b/gi,
];

/**
 * The more specific wins. A card locked now stops everything; a CSMS error page proves the person has a
 * Care ID and got through login; a missing Care ID makes permissions moot; a technical fault is not
 * fixed by an RA change; then a permissions request; then technical context alone.
 */
export function classify(text: string, csmsErrorMentioned: boolean): { category: TriageCategory; cues: Hit[] } {
  const masked = maskSignatures(text);
  const locked = currentLock(masked);
  if (locked.length > 0) return { category: "smartcard_locked", cues: locked };
  const permissions = all(masked, PERMISSIONS);
  if (csmsErrorMentioned) return { category: "permissions", cues: permissions };
  const hasCard = all(masked, CARD_AWAY).length > 0;
  const fault = all(masked, TECH_FAULT);
  const context = all(masked, TECH_CONTEXT);
  const ladder: [TriageCategory, Hit[], Hit[]][] = [
    ["no_care_id", hasCard ? [] : all(masked, NO_CARE_ID), []],
    ["technical", fault, context],
    ["permissions", permissions, []],
    ["technical", context, []],
  ];
  for (const [category, deciding, alsoShown] of ladder) {
    if (deciding.length > 0) return { category, cues: [...deciding, ...alsoShown] };
  }
  return { category: "unclear", cues: [] };
}
