import type { Parsed } from "./result";

const DIGITS = 12;
// Long enough for 12 digits with generous separators; anything longer is a paste of more than the ID,
// and we refuse to echo it back.
const MAX_LENGTH = 64;

// A no-break space looks exactly like a space and arrives when IDs are copied out of emails and
// documents: the user cannot see it to remove it, so it counts as a space.
const SEPARATORS = new Set([" ", "\u00A0", "-", "\u2013"]);

const ONLY_DIGITS = "A smartcard ID contains only digits (spaces or dashes between them are fine)";

/** Names a character so that the user can find it, including ones that are invisible when printed. */
function describeCharacter(ch: string): string {
  if (ch === "\t") return "the tab";
  if (ch === "\n" || ch === "\r") return "the line break";
  if (ch === '"') return "the quotation mark";
  if (/\s/u.test(ch)) return "the unusual space character";
  return `"${ch}"`;
}

/**
 * Reads a smartcard ID (the Care Identity profile UUID) as people write it: 12 digits, optionally in
 * groups separated by a single space or dash. Returns the 12 bare digits.
 */
export function parseSmartcardId(input: string): Parsed<string> {
  const text = input.trim();
  if (text === "") return { ok: false, message: "Enter a smartcard ID" };
  if (text.length > MAX_LENGTH) {
    return {
      ok: false,
      message: `That is too long for a smartcard ID, which has ${DIGITS} digits — enter just the ID`,
    };
  }

  let digits = "";
  let previousWasSeparator = false;
  // for...of walks code points, so an emoji is named whole rather than as half a surrogate pair.
  for (const ch of text) {
    if (ch >= "0" && ch <= "9") {
      digits += ch;
      previousWasSeparator = false;
    } else if (SEPARATORS.has(ch)) {
      if (digits === "") {
        return { ok: false, message: "A smartcard ID starts with a digit — remove the dash at the start" };
      }
      if (previousWasSeparator) {
        return {
          ok: false,
          message: "Put a single space or dash between groups of digits — remove the extra one",
        };
      }
      previousWasSeparator = true;
    } else {
      return { ok: false, message: `${ONLY_DIGITS} — remove ${describeCharacter(ch)}` };
    }
  }
  if (previousWasSeparator) {
    return { ok: false, message: "A smartcard ID ends with a digit — remove the dash at the end" };
  }
  if (digits.length !== DIGITS) {
    return { ok: false, message: `A smartcard ID has ${DIGITS} digits — this has ${digits.length}` };
  }
  return { ok: true, value: digits };
}

/**
 * Shows a smartcard ID in groups of four, the way it is printed on the profile. Input that is not a
 * valid ID is returned unchanged, so the caller never displays something that looks valid but is not.
 */
export function formatSmartcardId(id: string): string {
  const parsed = parseSmartcardId(id);
  if (!parsed.ok) return id;
  const d = parsed.value;
  return `${d.slice(0, 4)} ${d.slice(4, 8)} ${d.slice(8, 12)}`;
}
