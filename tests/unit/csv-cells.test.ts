import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { inertCell, readCell, textCell } from "@/lib/domain/csv-cells";

describe("CSV cells for spreadsheet programs", () => {
  it.each(["555500000003", "000012345678", "E81021", "8A718", "1E3", "R8001"])("writes the identifier %s as text (=\"…\")", (id) => {
    expect(textCell(id)).toBe(`="${id}"`);
    // Through RFC 4180 quoting and back, as a spreadsheet or our own upload reads it.
    const cell = (parse(stringify([[textCell(id)]])) as string[][])[0]![0]!;
    expect(cell).toBe(`="${id}"`);
    expect(readCell(cell)).toBe(id);
  });

  it("never wraps anything that could end the quotes: such a value is free text, made inert", () => {
    expect(textCell('1"),HYPERLINK("http://x')).toBe('1"),HYPERLINK("http://x');
    expect(textCell('=1+2"')).toBe(`'=1+2"`);
    expect(textCell("")).toBe("");
    expect(textCell("5555 0000 0003")).toBe("5555 0000 0003");
  });

  it.each(["=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd"])("makes the formula-like text %j inert with an apostrophe", (text) => {
    expect(inertCell(text)).toBe(`'${text}`);
    expect(readCell(inertCell(text))).toBe(text);
  });

  it("leaves ordinary text alone, both ways", () => {
    for (const text of ["Routine change", "it's 3-4 days", "'quoted'", "a=b", ""]) {
      expect(inertCell(text)).toBe(text);
      expect(readCell(text)).toBe(text);
    }
  });
});
