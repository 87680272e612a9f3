import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseOdsCode, type OdsKind } from "@/lib/domain/ods";

const SHAPE =
  "An ODS code is letters and digits, e.g. A81001 for a GP practice, U12345 for a PCN, RXX for a trust";

describe("parseOdsCode recognises the shapes", () => {
  it.each<[string, string, OdsKind]>([
    ["A81001", "A81001", "gp_practice"],
    ["Y01234", "Y01234", "gp_practice"],
    ["W97001", "W97001", "gp_practice"],
    ["a81001 (lower case, padded)", "  a81001 ", "gp_practice"],
    ["U12345 is a PCN, not a practice", "U12345", "pcn"],
    ["u00001", "u00001", "pcn"],
    ["RXX", "RXX", "trust"],
    ["RA2", "ra2", "trust"],
    ["R1H", "R1H", "trust"],
    ["Y63 (region: same shape as a trust)", "Y63", "trust"],
    ["RXX01", "RXX01", "trust_site"],
    ["R1HAB", "r1hab", "trust_site"],
    ["00K (commissioner)", "00K", "other"],
    ["8HN52", "8HN52", "other"],
    ["ALD200 (prescribing cost centre)", "ALD200", "other"],
    ["NLX01ABC", "nlx01abc", "other"],
    ["U1234 (too short for a PCN)", "U1234", "trust_site"],
    ["UABCDE", "UABCDE", "other"],
    ["ten characters", "ABCDE12345", "other"],
  ])("%s", (_label, text, kind) => {
    const result = parseOdsCode(text);
    expect(result).toEqual({ ok: true, value: { code: text.trim().toUpperCase(), kind } });
  });
});

describe("parseOdsCode explains what is wrong", () => {
  it.each([
    ["empty", "", "Enter an ODS code"],
    ["whitespace", "  \t", "Enter an ODS code"],
    ["two characters", "RX", SHAPE],
    ["eleven characters", "ABCDE123456", SHAPE],
    ["inner space", "A81 001", SHAPE],
    ["dash", "A81-001", SHAPE],
    ["punctuation", "A81001.", SHAPE],
    ["digits only", "81001", SHAPE],
    ["a smartcard ID in the wrong field", "555512345678", SHAPE],
    ["non-ASCII letter", "Ä81001", SHAPE],
    ["ligature that upper-cases to ASCII", "ﬀ1", SHAPE],
  ])("%s: %j", (_label, text, message) => {
    expect(parseOdsCode(text)).toEqual({ ok: false, message });
  });
});

describe("ODS properties", () => {
  const alnum = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz");

  it("a letter and five digits is a practice, or a PCN when the letter is U", () => {
    const letter = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    fc.assert(
      fc.property(letter, fc.stringMatching(/^\d{5}$/), (l, digits) => {
        const result = parseOdsCode(` ${l}${digits} `);
        const kind = l.toUpperCase() === "U" ? "pcn" : "gp_practice";
        expect(result).toEqual({ ok: true, value: { code: `${l.toUpperCase()}${digits}`, kind } });
      }),
    );
  });

  it("accepted codes are 3–10 upper-case letters and digits, and parsing them again changes nothing", () => {
    fc.assert(
      fc.property(fc.array(alnum, { minLength: 0, maxLength: 12 }).map((a) => a.join("")), (text) => {
        const result = parseOdsCode(text);
        if (!result.ok) return;
        expect(result.value.code).toMatch(/^[A-Z0-9]{3,10}$/);
        expect(parseOdsCode(result.value.code)).toEqual(result);
      }),
    );
  });

  it("anything with a character other than a letter or digit inside is rejected", () => {
    const bad = fc.constantFrom(" ", "-", ".", "/", "_", "é", "\u00A0", "😀");
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{1,5}$/), bad, fc.stringMatching(/^[A-Z0-9]{1,5}$/), (a, b, c) => {
        expect(parseOdsCode(a + b + c)).toEqual({ ok: false, message: SHAPE });
      }),
    );
  });

  it("never throws", () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }), (text) => void parseOdsCode(text)));
  });
});
