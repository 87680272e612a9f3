import { describe, expect, it } from "vitest";
import { checkBulkCells, MAX_BULK_ROWS, parseBulkCsv, type BulkCells } from "@/lib/domain/bulk-csv";

const NOW = new Date("2026-11-26T10:00:00Z");
const HEADER = "smartcard_id,ods_code,action,role,reason,end_date";
const file = (...lines: string[]) => [HEADER, ...lines].join("\n");
const rowsOf = (text: string) => {
  const parsed = parseBulkCsv(text, NOW);
  if (!parsed.ok) throw new Error(`expected a readable file, got: ${parsed.message}`);
  return parsed.rows;
};
const refusal = (text: string) => {
  const parsed = parseBulkCsv(text, NOW);
  if (parsed.ok) throw new Error("expected the file to be refused");
  return parsed;
};
const cells = (over: Partial<BulkCells> = {}): BulkCells => ({ smartcard_id: "5555 0000 0005", ods_code: "A81002", action: "add", role: "R8001", reason: "New starter", end_date: "", ...over });

describe("parseBulkCsv: the file as a whole", () => {
  it("reads a dry run's annotated file back: its extra columns ignored, IDs as =\"…\" and apostrophed text unwrapped", () => {
    const annotated = [
      "line,smartcard_id,ods_code,action,role,reason,end_date,change,status,problems",
      '2,"=""555500000005""","=""A81002""",add,R8001,\'-covering nights,2027-01-31,Add job role R8001 at A81002,change,',
    ].join("\n");
    const [row] = rowsOf(annotated);
    expect(row).toMatchObject({ line: 2, problems: [], change: { kind: "role.add", smartcardId: "555500000005", odsCode: "A81002", reason: "-covering nights" } });
    // Only those four extra columns: any other unknown one is still refused.
    expect(refusal(`${HEADER},notes\n555500000005,A81002,add,R8001,x,,y`).message).toMatch(/not understood: "notes"/);
  });

  it("reads each row into a change, with its line number", () => {
    const rows = rowsOf(file("5555 0000 0005,a81002,ADD,r8001,New starter,2027-01-31", "555500000006,A81002,remove,cervicalscreening,Left,"));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      line: 2,
      problems: [],
      change: { kind: "role.add", smartcardId: "555500000005", odsCode: "A81002", roleCode: "R8001", reason: "New starter", endDate: "2027-01-31", endsAt: new Date("2027-01-31T00:00:00.000Z") },
    });
    expect(rows[1]).toMatchObject({ line: 3, change: { kind: "workgroup.remove", smartcardId: "555500000006", odsCode: "A81002", reason: "Left" } });
    expect(rows[1]!.change).not.toHaveProperty("roleCode");
  });

  it("accepts a byte-order mark, CRLF line endings, header names in other cases and spacing, and no end_date column", () => {
    const rows = rowsOf("\uFEFFSmartcard ID,ODS Code,Action,Role Code,Reason\r\n555500000005,A81002,add,cervicalscreening,Starter\r\n");
    expect(rows).toEqual([expect.objectContaining({ line: 2, problems: [], change: expect.objectContaining({ kind: "workgroup.add" }) })]);
  });

  it("reads quoted fields with commas, quotes and line breaks, and counts lines from where each row starts", () => {
    const rows = rowsOf(file('555500000005,A81002,add,R8001,"Starts Monday, ""locum""\r\nsecond line",', "555500000006,A81002,add,R8001,Next,"));
    expect(rows[0]).toMatchObject({ line: 2, change: { reason: 'Starts Monday, "locum"\nsecond line' } });
    expect(rows[1]).toMatchObject({ line: 4 });
  });

  it("skips blank lines but keeps counting them", () => {
    const rows = rowsOf(file("", "555500000005,A81002,add,R8001,Starter,", ",,,,,", "555500000006,A81002,add,R8001,Starter,"));
    expect(rows.map((r) => r.line)).toEqual([3, 5]);
  });

  it("refuses an empty file, a header with no rows, and a file that is not CSV", () => {
    expect(refusal("").message).toMatch(/empty/);
    expect(refusal("\uFEFF\r\n\r\n").message).toMatch(/empty/);
    expect(refusal(HEADER).message).toMatch(/no changes/);
    expect(refusal(file('555500000005,A81002,add,R8001,"never closed,')).message).toMatch(/not valid CSV at line 2: a quoted field is never closed/);
  });

  it("refuses a header naming missing or unknown columns, saying which", () => {
    expect(refusal("smartcard_id,ods_code,action,role\n1,2,3,4").message).toMatch(/missing reason/);
    const unknown = refusal("smartcard_id,ods_code,action,role,reason,colour\n1,2,3,4,5,6");
    expect(unknown.message).toMatch(/not understood: "colour"/);
    expect(unknown.line).toBe(1);
    expect(refusal("smartcard_id,smartcard,ods_code,action,role,reason\n1,1,2,3,4,5").message).toMatch(/twice/);
    // A file without a header row: its first change is read as the header and refused.
    expect(refusal("555500000005,A81002,add,R8001,Starter,").message).toMatch(/header row must name the columns/);
  });

  it(`refuses more than ${MAX_BULK_ROWS} rows, and takes exactly ${MAX_BULK_ROWS}`, () => {
    const line = "555500000005,A81002,add,R8001,Starter,";
    expect(rowsOf(file(...Array(MAX_BULK_ROWS).fill(line)))).toHaveLength(MAX_BULK_ROWS);
    expect(refusal(file(...Array(MAX_BULK_ROWS + 1).fill(line))).message).toBe("The file has 5,001 rows; upload at most 5,000 at a time.");
  });

  it("refuses a file over 1 MB", () => {
    expect(refusal(file(`555500000005,A81002,add,R8001,${"x".repeat(1024 * 1024)},`)).message).toMatch(/over 1 MB/);
  });

  it("a row with too few or too many cells is one problem on its line, not a misread change", () => {
    const rows = rowsOf(file("555500000005,A81002,add,R8001", "555500000005,A81002,add,R8001,Starter,,extra"));
    expect(rows[0]).toEqual(expect.objectContaining({ line: 2, change: null, problems: ["This line has 4 cells but the header has 6: check for a missing or extra comma."] }));
    expect(rows[1]).toEqual(expect.objectContaining({ line: 3, change: null, problems: ["This line has 7 cells but the header has 6: check for a missing or extra comma."] }));
  });
});

describe("checkBulkCells: each bad cell is a clear problem on its line", () => {
  it.each([
    ["a short smartcard ID", { smartcard_id: "5555 0000" }, /^Smartcard ID: .*12 digits/],
    ["no smartcard ID", { smartcard_id: " " }, /^Smartcard ID: Enter a smartcard ID\.$/],
    ["an ODS code of the wrong shape", { ods_code: "A8-1001" }, /^ODS code: An ODS code is letters and digits/],
    ["an unknown action", { action: "grant" }, /^Action: enter add or remove, not "grant"\.$/],
    ["a role that is neither a code nor the workgroup", { role: "nurse" }, /^Role: "nurse" is neither a job role code/],
    ["no role", { role: "" }, /^Role: enter a job role code/],
    ["no reason", { reason: "  " }, /^Reason: enter why this change is made\.$/],
    ["a reason over 500 characters", { reason: "x".repeat(501) }, /^Reason: keep it to 500 characters or fewer\.$/],
    ["an end date written the UK way", { end_date: "31/01/2027" }, /^End date: write it as YYYY-MM-DD/],
    ["an end date that is not a real day", { end_date: "2027-02-30" }, /^End date: Enter a real date/],
    ["an end date today", { end_date: "2026-11-26" }, /^End date: The end date must be after today\.$/],
    ["an end date more than two years away", { end_date: "2029-01-01" }, /^End date: The end date must be within two years/],
    ["an end date on a removal", { action: "remove", end_date: "2027-01-31" }, /^End date: only an added grant has an end date/],
  ] as const)("%s", (_name, over, message) => {
    const row = checkBulkCells(7, cells(over), NOW);
    expect(row.line).toBe(7);
    expect(row.change).toBeNull();
    expect(row.problems).toEqual([expect.stringMatching(message)]);
  });

  it("lists every bad cell of a row, not only the first", () => {
    const row = checkBulkCells(3, cells({ smartcard_id: "12", ods_code: "!", action: "x", role: "y", reason: "" }), NOW);
    expect(row.problems.map((p) => p.split(":")[0])).toEqual(["Smartcard ID", "ODS code", "Action", "Role", "Reason"]);
  });

  it("a good row has no problems, whatever the case and spacing of its cells", () => {
    const row = checkBulkCells(2, cells({ smartcard_id: "5555-0000-0005", ods_code: " a81002 ", action: " Remove ", role: "CervicalScreening" }), NOW);
    expect(row).toMatchObject({ problems: [], change: { kind: "workgroup.remove", smartcardId: "555500000005", odsCode: "A81002" } });
  });
});
