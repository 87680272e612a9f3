import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { triageText, type CsmsErrorMention } from "@/lib/domain/triage";
import { SMARTCARD_PLACEHOLDER, suggestedSupportText } from "@/lib/domain/request-text";

const digit = fc.constantFrom(..."0123456789");
const nonZero = fc.constantFrom(..."123456789");
const separator = fc.constantFrom("", "", " ", "-", "–");

// Letters, punctuation and line breaks; no digits (they would extend the number) and no "+", which
// marks an international phone number and is deliberately never read as an ID (tested in the table).
const FILLER = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,;:!?'\"()/@&*_=#\n\t-–"];
const filler = (minLength = 0) => fc.string({ unit: fc.constantFrom(...FILLER), minLength, maxLength: 30 });
// Numbers after "Tel", "Mob", "NHS no"... are skipped as phone numbers by design (see the table below).
const notPhoneCue = (s: string) => !/(?:tel|phone|mob|mobile|fax|ext|extension|line|dial|switchboard|bleep|no|number)\W*$/i.test(s);

/** `count` digits joined by random single separators; the first digit is non-zero when asked. */
function number(count: number, firstNonZero = false) {
  return fc
    .tuple(
      firstNonZero ? nonZero : digit,
      fc.array(digit, { minLength: count - 1, maxLength: count - 1 }),
      fc.array(separator, { minLength: count - 1, maxLength: count - 1 }),
    )
    .map(([first, rest, seps]) => ({
      digits: first + rest.join(""),
      text: first + rest.map((d, i) => `${seps[i]}${d}`).join(""),
    }));
}

describe("triageText finds smartcard IDs (properties)", () => {
  it("finds every 12-digit ID, however separated, in order and without repeats", () => {
    fc.assert(
      fc.property(
        fc.array(number(12), { minLength: 1, maxLength: 4 }),
        fc.array(filler(1), { minLength: 4, maxLength: 4 }),
        filler(),
        filler(),
        (ids, middles, head, tail) => {
          const text = head + ids.map((id, i) => (i === 0 ? "" : middles[i - 1]) + id.text).join("") + tail;
          const t = triageText(text);
          expect(t.smartcardIds).toEqual([...new Set(ids.map((id) => id.digits))]);
          expect(t.idMissing).toBe(false);
          expect(t.nearMisses).toEqual([]);
        },
      ),
    );
  });

  it("never accepts 10, 11, 13 or 14 digits as an ID, and always flags them", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(10, 11, 13, 14).chain((n) => number(n, true)),
        filler().filter(notPhoneCue),
        filler(),
        (run, head, tail) => {
          const t = triageText(head + run.text + tail);
          expect(t.smartcardIds).toEqual([]);
          expect(t.idMissing).toBe(true);
          expect(t.nearMisses).toContainEqual({ text: run.text, digits: run.digits.length });
        },
      ),
    );
  });

  it("never throws, and its highlights are sorted, non-overlapping and inside the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const { spans } = triageText(text);
        spans.forEach((s, i) => {
          expect(s.start).toBeGreaterThanOrEqual(i === 0 ? 0 : spans[i - 1]!.end);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.end).toBeLessThanOrEqual(text.length);
        });
      }),
    );
  });
});

describe("the suggested support text", () => {
  const VERBATIM = [
    "I require access to the Cervical Screening Management System (CSMS) but access permissions may not have been allocated to my Care Identity profile.",
    "Smartcard ID: (Enter your smartcard ID number)",
    "Please refer to guidance for registration authorities for instructions on how to update my Care Identity profile to allow me access to CSMS.",
  ].join("\n\n");

  it("is the guidance's text, word for word", () => {
    expect(suggestedSupportText()).toBe(VERBATIM);
    expect(suggestedSupportText("   ")).toBe(VERBATIM);
  });

  it("fills in a formatted ID, and shows an invalid one as typed", () => {
    expect(suggestedSupportText("555512345678")).toBe(VERBATIM.replace(SMARTCARD_PLACEHOLDER, "5555 1234 5678"));
    expect(suggestedSupportText("5555-123")).toContain("Smartcard ID: 5555-123\n");
  });

  it("sent untouched: a permissions request with the ID missing", () => {
    const t = triageText(suggestedSupportText());
    expect(t).toMatchObject({ idMissing: true, placeholderUntouched: true, category: "permissions", smartcardIds: [] });
    expect(t.spans.filter((s) => s.kind === "placeholder")).toHaveLength(1);
  });

  it("filled in: the ID is found and the placeholder is gone", () => {
    const t = triageText(suggestedSupportText("555512345678"));
    expect(t).toMatchObject({ idMissing: false, placeholderUntouched: false, category: "permissions", smartcardIds: ["555512345678"] });
  });

  it.each(["(enter your smartcard id number)", "( Enter  your smart card ID number )", "Smartcard ID: Enter your smartcard ID number"])(
    "recognises the placeholder however it is cased or spaced: %j",
    (text) => expect(triageText(text).placeholderUntouched).toBe(true),
  );
});

describe("numbers that are not smartcard IDs", () => {
  it.each<[string, string, string[], { text: string; digits: number }[]]>([
    ["UK landline in a signature", "Tel: 01642 672351", [], []],
    ["UK landline with no label", "call me on 01642 672351", [], []],
    ["mobile", "Mob 07700900123", [], []],
    ["international mobile (12 digits)", "+44 7700 900123", [], []],
    ["international with (0)", "+44 (0)1642 672351", [], []],
    ["international with 00", "0044 1642 672351", [], []],
    ["NHS number", "NHS no 943 476 5919", [], []],
    ["labelled extension", "ext. 45678901234", [], []],
    ["11 digits after 'Smartcard ID' are an attempt, even from 0", "Smartcard ID: 01642 672351", [], [{ text: "01642 672351", digits: 11 }]],
    ["11 digits after 'ID'", "ID 5555 1234 567", [], [{ text: "5555 1234 567", digits: 11 }]],
    ["a short number after 'smartcard number'", "my smartcard number is 123456", [], [{ text: "123456", digits: 6 }]],
    ["an unlabelled 10-digit number", "ref 943 476 5919", [], [{ text: "943 476 5919", digits: 10 }]],
    ["an ID with a digit too many", "5555 1234 5678 9", [], [{ text: "5555 1234 5678 9", digits: 13 }]],
    ["an ID broken over two lines", "5555\n1234 5678", [], []],
    ["a double space is not a single separator", "5555  1234 5678", [], []],
    ["a date and time", "Sent: 12/03/2025 10:14", [], []],
    ["an ID next to a phone number", "ID 5555 1234 5678, tel 01642 672351", ["555512345678"], []],
    ["two IDs one space apart", "555512345678 666612345678", ["555512345678", "666612345678"], []],
    ["the same ID twice", "5555 1234 5678 (5555-1234-5678)", ["555512345678"], []],
    ["an ID after the untouched placeholder", "Smartcard ID: (Enter your smartcard ID number) 5555 1234 5678", ["555512345678"], []],
    ["no-break spaces from a pasted email", "5555\u00A01234\u00A05678", ["555512345678"], []],
  ])("%s: %j", (_label, text, ids, nearMisses) => {
    const t = triageText(text);
    expect(t.smartcardIds).toEqual(ids);
    expect(t.nearMisses).toEqual(nearMisses);
  });
});

describe("ODS codes", () => {
  it.each<[string, string[]]>([
    ["The Densham Surgery (A81001)", ["A81001"]],
    ["practice code a81001, also A81001 again", ["A81001"]],
    ["our PCN is U12345", ["U12345"]],
    ["James Cook site RTR45 and RXX01", ["RTR45", "RXX01"]],
    ["ODS code: RXX", ["RXX"]],
    ["org code RTR and organisation code is R0A", ["RTR", "R0A"]],
    ["NHS trust, the RXX trust, role R8001, S8000:G8000:R8001, HELLO", []],
    ["ODS code for our practice is not known", []],
    ["smartcard a55555 1234567", []],
  ])("%j → %j", (text, codes) => expect(triageText(text).odsCodes).toEqual(codes));
});

describe("CSMS errors mentioned", () => {
  it.each<[string, CsmsErrorMention[]]>([
    ["it says no valid role", ["no_valid_role"]],
    ['Error: "No Valid Role found"', ["no_valid_role"]],
    ["no valid roles", ["no_valid_role"]],
    ["NO-VALID-ROLE", ["no_valid_role"]],
    ["I don’t have a valid CSMS role apparently", ["no_valid_role"]],
    ["role not found", ["no_valid_role"]],
    ["screen says 'no workgroup'", ["no_workgroup"]],
    ["No work group.", ["no_workgroup"]],
    ["you are not in the correct workgroup", ["no_workgroup"]],
    ["workgroup error when I log in", ["no_workgroup"]],
    ["no workgroup, then after the change no valid role", ["no_workgroup", "no_valid_role"]],
    ["please add my role and workgroup", []],
    ["this is not valid for my role", []],
  ])("%j → %j", (text, errors) => expect(triageText(text).csmsErrors).toEqual(errors));
});

describe("highlights", () => {
  it("marks the ID, the near miss, the ODS code, the error and the cues, in text order", () => {
    const text = "Smartcard ID 5555 1234 5678 (or 5555 1234 567?) at A81001: no workgroup";
    const spans = triageText(text).spans.map((s) => [s.kind, text.slice(s.start, s.end)]);
    expect(spans).toEqual([
      ["smartcard_id", "5555 1234 5678"],
      ["near_miss", "5555 1234 567"],
      ["ods_code", "A81001"],
      ["csms_error", "no workgroup"],
    ]);
  });
});
