import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatSmartcardId, parseSmartcardId } from "@/lib/domain/smartcard";

const ONLY_DIGITS = "A smartcard ID contains only digits (spaces or dashes between them are fine)";

describe("parseSmartcardId accepts the ways people write an ID", () => {
  it.each([
    ["bare digits", "555512345678"],
    ["groups of four with spaces", "5555 1234 5678"],
    ["groups of four with dashes", "5555-1234-5678"],
    ["groups of three", "555 512 345 678"],
    ["en dashes (word-processor autocorrect)", "5555–1234–5678"],
    ["mixed separators", "5555 1234-5678"],
    ["surrounding whitespace and newline", "  5555 1234 5678\n"],
    ["no-break spaces copied from an email", "5555\u00A01234\u00A05678"],
    ["a separator between every digit", "5-5-5-5-1-2-3-4-5-6-7-8"],
  ])("%s: %j", (_label, text) => {
    expect(parseSmartcardId(text)).toEqual({ ok: true, value: "555512345678" });
  });
});

describe("parseSmartcardId says what to fix", () => {
  it.each([
    ["empty", "", "Enter a smartcard ID"],
    ["only whitespace", "   \t ", "Enter a smartcard ID"],
    ["a letter", "5555 1234 567x", `${ONLY_DIGITS} — remove "x"`],
    ["the first offending character is named", "ID: 5555 1234 5678", `${ONLY_DIGITS} — remove "I"`],
    ["a dot", "5555.1234.5678", `${ONLY_DIGITS} — remove "."`],
    ["a letter O for a zero", "5555 1234 567O", `${ONLY_DIGITS} — remove "O"`],
    ["a tab inside", "5555\t1234 5678", `${ONLY_DIGITS} — remove the tab`],
    ["a line break inside", "5555\n1234 5678", `${ONLY_DIGITS} — remove the line break`],
    ["a quotation mark", '"555512345678"', `${ONLY_DIGITS} — remove the quotation mark`],
    ["an emoji is named whole", "5555😀12345678", `${ONLY_DIGITS} — remove "😀"`],
    ["11 digits", "5555 1234 567", "A smartcard ID has 12 digits — this has 11"],
    ["13 digits", "5555 1234 56789", "A smartcard ID has 12 digits — this has 13"],
    ["one digit", "5", "A smartcard ID has 12 digits — this has 1"],
    ["leading dash", "-5555 1234 5678", "A smartcard ID starts with a digit — remove the dash at the start"],
    ["trailing dash", "5555 1234 5678-", "A smartcard ID ends with a digit — remove the dash at the end"],
    ["double space", "5555  1234 5678", "Put a single space or dash between groups of digits — remove the extra one"],
    ["spaced dash", "5555 - 1234 - 5678", "Put a single space or dash between groups of digits — remove the extra one"],
    ["double dash", "5555--1234-5678", "Put a single space or dash between groups of digits — remove the extra one"],
  ])("%s: %j", (_label, text, message) => {
    expect(parseSmartcardId(text)).toEqual({ ok: false, message });
  });

  it("refuses over-long input without echoing it", () => {
    const pasted = "5555 1234 5678 ".repeat(10) + "secret";
    const result = parseSmartcardId(pasted);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/too long/);
    expect(result.message).not.toContain("secret");
    expect(result.message.length).toBeLessThan(100);
  });

  it("measures length after trimming: 64 characters get the digit count, 65 are too long", () => {
    const sixtyFour = "5-".repeat(31) + "55"; // 33 digits, 64 characters
    expect(sixtyFour).toHaveLength(64);
    expect(parseSmartcardId(`   ${sixtyFour}   `)).toEqual({ ok: false, message: "A smartcard ID has 12 digits — this has 33" });
    expect(parseSmartcardId(sixtyFour + "5")).toEqual({ ok: false, message: expect.stringMatching(/too long/) });
  });
});

describe("formatSmartcardId", () => {
  it.each([
    ["555512345678", "5555 1234 5678"],
    ["5555-1234-5678", "5555 1234 5678"],
    ["000000000000", "0000 0000 0000"],
    ["not an id", "not an id"],
    ["12345", "12345"],
  ])("%j -> %j", (raw, shown) => {
    expect(formatSmartcardId(raw)).toBe(shown);
  });
});

const digit = fc.constantFrom(..."0123456789");
const separator = fc.constantFrom("", " ", "-", "–");

/** Digits joined by random single separators (or none), as a person might type them. */
function joined(count: number) {
  return fc
    .tuple(fc.array(digit, { minLength: count, maxLength: count }), fc.array(separator, { minLength: count, maxLength: count }))
    .map(([digits, seps]) => ({
      digits: digits.join(""),
      text: digits.map((d, i) => (i === 0 ? d : `${seps[i] ?? ""}${d}`)).join(""),
    }));
}

describe("smartcard properties", () => {
  it("12 digits with random single separators parse back to the digits", () => {
    fc.assert(
      fc.property(joined(12), fc.constantFrom("", " ", "  \n"), ({ digits, text }, pad) => {
        expect(parseSmartcardId(pad + text + pad)).toEqual({ ok: true, value: digits });
      }),
    );
  });

  it.each([11, 13])("%i digits are rejected with the count", (count) => {
    fc.assert(
      fc.property(joined(count), ({ text }) => {
        expect(parseSmartcardId(text)).toEqual({
          ok: false,
          message: `A smartcard ID has 12 digits — this has ${count}`,
        });
      }),
    );
  });

  it("format after parse round-trips and reads as three groups of four", () => {
    fc.assert(
      fc.property(joined(12), ({ digits, text }) => {
        const parsed = parseSmartcardId(text);
        if (!parsed.ok) throw new Error(parsed.message);
        const shown = formatSmartcardId(parsed.value);
        expect(shown).toMatch(/^\d{4} \d{4} \d{4}$/);
        expect(parseSmartcardId(shown)).toEqual({ ok: true, value: digits });
      }),
    );
  });

  it("never throws, and anything accepted is 12 bare digits", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (text) => {
        const result = parseSmartcardId(text);
        if (result.ok) expect(result.value).toMatch(/^\d{12}$/);
        else expect(result.message.length).toBeGreaterThan(0);
      }),
    );
  });
});
