import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { triageText } from "@/lib/domain/triage";

type NearMiss = { text: string; digits: number };
const read = (text: string) => {
  const t = triageText(text);
  return { ids: t.smartcardIds, nearMisses: t.nearMisses };
};

// Dots and spaced dashes are accepted only in the printed 4-4-4 grouping (or with 12 digits right after
// "smartcard ID"), because the same separators join dates, IP addresses, versions and phone numbers.
describe("dots and spaced dashes: read as an ID", () => {
  it.each<[string, string, string[]]>([
    ["spaced dashes", "5555 - 0000 - 0001", ["555500000001"]],
    ["spaced en dashes", "Smartcard ID: 5555 – 0000 – 0001", ["555500000001"]],
    ["dots", "5555.0000.0001", ["555500000001"]],
    ["dots, ending a sentence", "Smartcard ID: 5555.0000.0001.", ["555500000001"]],
    ["a dash spaced on one side", "5555 -0000- 0001", ["555500000001"]],
    ["mixed with a plain space", "5555 0000.0001", ["555500000001"]],
    ["two dotted IDs", "5555.0000.0001 and 6666.0000.0001", ["555500000001", "666600000001"]],
    ["12 digits in another grouping, labelled as the ID", "Smartcard ID 555.500.000.001", ["555500000001"]],
  ])("%s: %j", (_label, text, ids) => {
    expect(read(text)).toEqual({ ids, nearMisses: [] });
  });

  it("the issue's examples are a permissions request with the ID", () => {
    for (const id of ["5555 - 0000 - 0001", "5555.0000.0001"]) {
      expect(triageText(`Please add CSMS access. Smartcard ID: ${id}`)).toMatchObject({ smartcardIds: ["555500000001"], category: "permissions" });
    }
  });
});

describe("dots and spaced dashes: a digit off the ID shape is a near miss, never an ID", () => {
  it.each<[string, string, NearMiss[]]>([
    ["4-4-3 dotted", "5555.0000.001", [{ text: "5555.0000.001", digits: 11 }]],
    ["4-4-5 spaced dashes", "5555 - 0000 - 00012", [{ text: "5555 - 0000 - 00012", digits: 13 }]],
    ["11 digits after 'card no'", "card no 5555.1234.567", [{ text: "5555.1234.567", digits: 11 }]],
    ["13 digits after 'ID'", "ID: 5555.0000.0001.2", [{ text: "5555.0000.0001.2", digits: 13 }]],
    ["11 digits with plain dashes", "5555-0000-001", [{ text: "5555-0000-001", digits: 11 }]],
    ["13 digits with plain dashes", "5555-0000-00012", [{ text: "5555-0000-00012", digits: 13 }]],
  ])("%s: %j", (_label, text, nearMisses) => {
    expect(read(text)).toEqual({ ids: [], nearMisses });
  });
});

describe("NOT an ID and not a near miss: other numbers with dots and dashes", () => {
  it.each<[string, string]>([
    ["a date", "since 2026.11.25"],
    ["a UK date", "on 25.11.2026"],
    ["a date and time", "Sent: 12.03.2025 10:14"],
    ["an IP address with too many parts", "IP 10.0.0.1.2"],
    ["an IP address with 12 digits", "my PC is 192.168.100.200"],
    ["a version number", "Identity Agent 2.3.1 on Windows 10.0.19045.1234"],
    ["a phone number with dots", "call 01642.672.351"],
    ["a phone number grouped 4-3-4", "call 0164.267.2351"],
    ["a phone number grouped 4-4-4 after Tel", "Tel: 0800.1234.5678"],
    ["an amount", "the fee was £1,234.56 or £123,456.78"],
    ["a month range", "from 2025-03 - 2026-03"],
    ["a time range", "open 0800 - 1830"],
  ])("%s: %j", (_label, text) => {
    expect(read(text)).toEqual({ ids: [], nearMisses: [] });
  });

  it("a full stop between an ID and a phone number does not join them", () => {
    expect(read("ID 5555 1234 5678. 01642 672351")).toEqual({ ids: ["555512345678"], nearMisses: [] });
  });

  it("a spaced dash between an ID and a phone number keeps the ID", () => {
    expect(read("Smartcard ID 5555 1234 5678 - 01642 672351")).toEqual({ ids: ["555512345678"], nearMisses: [] });
  });
});

describe("dots and spaced dashes (properties)", () => {
  const group = fc.stringMatching(/^\d{4}$/);
  const loose = fc.constantFrom(".", " - ", " – ", "- ", " -");

  it("finds every 4-4-4 ID joined by dots or spaced dashes", () => {
    fc.assert(
      fc.property(group, group, group, loose, loose, (a, b, c, s1, s2) => {
        expect(read(`my ID is ${a}${s1}${b}${s2}${c} thanks`)).toEqual({ ids: [a + b + c], nearMisses: [] });
      }),
    );
  });

  it("never reads an IP address or a dotted date as an ID or a near miss", () => {
    const octet = fc.integer({ min: 0, max: 255 }).map(String);
    const ip = fc.array(octet, { minLength: 4, maxLength: 5 }).map((parts) => parts.join("."));
    const pad = (n: number) => String(n).padStart(2, "0");
    const date = fc
      .tuple(fc.integer({ min: 1990, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
      .chain(([y, m, d]) => fc.constantFrom(`${y}.${pad(m)}.${pad(d)}`, `${pad(d)}.${pad(m)}.${y}`));
    fc.assert(
      fc.property(fc.oneof(ip, date), (text) => {
        expect(read(`address ${text} today`)).toEqual({ ids: [], nearMisses: [] });
      }),
    );
  });
});
