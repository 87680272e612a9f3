// Title-cases the upper-case names in ODS extracts ("THE DENSHAM SURGERY" -> "The Densham Surgery").
// ODS names mix words, initials and acronyms, so this is a heuristic tuned on epraccur.csv, not a rule.

// Acronyms that contain a vowel, so the "no vowel means acronym" rule below would miss them.
const ACRONYMS = new Set([
  "NHS", "PCN", "GP", "GPS", "GPSI", "CCG", "OOH", "WIC", "ENT", "AQP", "UK", "MIU", "IUC", "UCC", "ADHD",
  "COPD", "YOI", "CIC", "BMI", "NEAS", "CAS", "LLP", "PLC", "CIO", "ICB", "ICS", "HIV", "IAPT", "OT", "CPFT",
]);

// Vowel-less tokens that are abbreviations of ordinary words, so they read best title-cased.
const ABBREVIATIONS = new Set(["DR", "DRS", "ST", "RD", "CTR", "MT", "SQ", "BLVD", "LTD", "PL", "PK"]);

// Joining words stay lower case unless they open the name.
const SMALL_WORDS = new Set(["AND", "OF", "THE", "IN", "AT", "ON", "FOR", "TO", "BY", "UPON", "UNDER"]);

const VOWEL = /[AEIOUY]/;

function capitalise(word: string): string {
  // "MCKENZIE" -> "McKenzie" (Mc + at least four letters, so "MCAS" or "MCH" are left alone).
  const mc = /^MC([A-Z])([A-Z]{3,})$/.exec(word);
  if (mc) return `Mc${mc[1]}${mc[2]!.toLowerCase()}`;
  return word.charAt(0) + word.slice(1).toLowerCase();
}

/** One run of letters, judged on its own: acronym, initial, joining word or ordinary word. */
function caseWord(word: string, first: boolean, afterInitialsLead: boolean): string {
  if (ACRONYMS.has(word)) return word;
  // Initials after "DR": "DR GT HENDOW" keeps "GT" even though "GI" would look like a word.
  if (afterInitialsLead && word.length <= 2) return word;
  if (!first && SMALL_WORDS.has(word)) return word.toLowerCase();
  if (word.length === 1) return word; // a lone initial
  if (!VOWEL.test(word) && !ABBREVIATIONS.has(word)) return word; // MSK, CMHT, HC...
  return capitalise(word);
}

/** "ST. MARY'S" -> "St. Mary's", "O'BRIEN" -> "O'Brien", "LINTON-ON-OUSE" -> "Linton-on-Ouse", "MED.CENTRE". */
function caseToken(token: string, first: boolean, afterInitialsLead: boolean): string {
  if (/^[A-Z0-9]+$/.test(token) && /\d/.test(token)) return token; // codes such as "IC24"
  let run = 0;
  return token.replace(/[A-Z]+/g, (word: string, offset: number) => {
    const isFirst = first && run++ === 0;
    if (token[offset - 1] === "'") {
      // After an apostrophe: a possessive "S" is lower case, but "O'BRIEN" keeps its capital.
      const before = /[A-Z]+$/.exec(token.slice(0, offset - 1))?.[0];
      return before?.length === 1 ? capitalise(word) : word.toLowerCase();
    }
    return caseWord(word, isFirst, afterInitialsLead);
  });
}

export function titleCaseOrgName(upper: string): string {
  const tokens = upper.trim().split(/\s+/);
  let initialsLead = false; // true while reading the initials that follow "DR" / "DRS"
  return tokens
    .map((token, i) => {
      const letters = token.replace(/[^A-Z]/g, "");
      const cased = caseToken(token, i === 0, initialsLead && !token.includes("'"));
      initialsLead = letters === "DR" || letters === "DRS" || (initialsLead && letters.length <= 2 && letters.length > 0);
      return cased;
    })
    .join(" ");
}
