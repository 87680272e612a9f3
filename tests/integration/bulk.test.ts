// Bulk changes from a CSV file (issue 13): a 1,000-row file built from the seeded demo people, ten of its rows bad.
// The dry run reports exactly those ten and writes nothing; applying writes one audit event per applied row, all
// with the batch id; applying again writes nothing; a row that fails mid-way leaves nothing of itself behind; a
// person changed by someone else during the apply is read again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { verifyAuditTrail } from "@/lib/data/audit-verify";
import { demoOrganisations, demoPeople } from "@/prisma/seed/demo";
import { signInAs, signOut } from "./support/session";
import { activeGrants, errorBody, versionOf, writeSnapshot } from "./support/api";
import { auditJson } from "./support/audit-helpers";
import { changeEventsAfter, lastEventId } from "./support/time-bound";
import { BULK_HEADER, csvOf, goodLines, postBulk, type Line } from "./support/bulk";
import { allowRoleAssignments, alsoGrantElsewhere, refuseRoleAssignmentsAt, stopGrantingElsewhere } from "./support/database";

const MANAGER = "manager@ra.example";
// Kept out of the big file for the mid-way failure.
const FAILING = [demoPeople.noRoles, demoPeople.noWorkgroupClerical, demoPeople.trustNoWorkgroup];
const PCN = "U90016";
const OUT_OF_SCOPE = "A81004"; // a real practice no demo officer acts for

const someone = demoPeople.canLogInGp;
// Each bad row, and the problem the dry run must name for it.
const BAD: { line: Line | string; problem: RegExp }[] = [
  { line: ["5555 0000 9999", "A81001", "add", "R8001", "Starter"], problem: /^No Care Identity profile with smartcard ID 5555 0000 9999\.$/ },
  { line: [someone, "Z99999", "add", "R8001", "Starter"], problem: /^No organisation with ODS code Z99999/ },
  { line: [someone, OUT_OF_SCOPE, "add", "R8001", "Starter"], problem: /^You do not act for A81004/ },
  { line: [someone, PCN, "add", "R8001", "Starter"], problem: /has no position at U90016\.$/ },
  { line: [someone, "A81002", "add", "R0001", "Starter"], problem: /^R0001 \(Privacy Officer\) is not a CSMS job role/ },
  { line: [someone, "A81002", "add", "R7777", "Starter"], problem: /^R7777 is not in the job role catalogue\.$/ },
  { line: [someone, "A81002", "grant", "R8001", "Starter"], problem: /^Action: enter add or remove, not "grant"\.$/ },
  { line: ["1234", "A81002", "add", "R8001", "Starter"], problem: /^Smartcard ID: / },
  { line: [someone, "A81002", "add", "R8001", "Starter", "31/12/2027"], problem: /^End date: write it as YYYY-MM-DD/ },
  { line: `${someone},A81002,add`, problem: /^This line has 3 cells but the header has 6/ },
];

let csv = "";
let badLines: number[] = [];

beforeAll(async () => {
  await signInAs(MANAGER);
  // Care Identity positions (not grants) for the demo people at every demo practice and the trust, as the seed writes
  // positions: enough room for 990 changes that need no warning and no second person.
  const consoleUsers = new Set((await db.consoleUser.findMany({ where: { personId: { not: null } }, select: { person: { select: { smartcardId: true } } } })).map((u) => u.person!.smartcardId));
  const people = Object.values(demoPeople).filter((id) => !consoleUsers.has(id) && !FAILING.includes(id));
  const orgs = await db.organisation.findMany({ where: { odsCode: { in: demoOrganisations.map((o) => o.odsCode).filter((c) => c !== PCN) } } });
  for (const person of await db.person.findMany({ where: { smartcardId: { in: people } }, include: { positions: true } })) {
    const missing = orgs.filter((o) => !person.positions.some((p) => p.organisationId === o.id));
    await db.position.createMany({ data: missing.map((o) => ({ personId: person.id, organisationId: o.id })) });
  }
  const good = (await goodLines(people)).slice(0, 990);
  expect(good).toHaveLength(990);
  expect(await db.organisation.count({ where: { odsCode: OUT_OF_SCOPE } })).toBe(1);
  // The bad rows spread through the file: one after every 99 good ones.
  const rows: string[] = [];
  badLines = [];
  good.forEach((line, i) => {
    rows.push(csvOf([line]).split("\r\n")[1]!);
    if (i % 99 === 98) {
      const bad = BAD[badLines.length]!;
      rows.push(typeof bad.line === "string" ? bad.line : csvOf([bad.line]).split("\r\n")[1]!);
      badLines.push(rows.length + 1);
    }
  });
  csv = [BULK_HEADER, ...rows].join("\r\n") + "\r\n";
  expect(rows).toHaveLength(1000);
}, 60_000);

afterAll(() => signOut());

describe("a 1,000-row file with 10 bad rows", () => {
  it("the dry run reports exactly the 10 problems with their lines, every other row's change, and writes nothing", async () => {
    const before = await writeSnapshot();
    const started = Date.now();
    const { status, body } = await postBulk(csv, true);
    console.log(`bulk dry run, 1,000 rows: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(status).toBe(200);
    expect(body).not.toHaveProperty("batchId");
    expect(body.rows).toHaveLength(1000);
    const errors = body.rows.filter((r: { status: string }) => r.status === "error");
    expect(errors.map((r: { line: number }) => r.line)).toEqual(badLines);
    errors.forEach((r: { problems: string[] }, i: number) => expect(r.problems[0]).toMatch(BAD[i]!.problem));
    expect(body.rows.filter((r: { status: string }) => r.status === "change")).toHaveLength(990);
    expect(body.rows.every((r: { status: string; problems: string[] }) => r.status === "error" || r.problems.length === 0)).toBe(true);
    // Exactly the contract's fields, with verdicts before and after.
    expect(Object.keys(body.rows[0]).sort()).toEqual(["after", "before", "line", "problems", "status"]);
    expect(body.rows[0]).toMatchObject({ line: 2, before: { canLogIn: expect.any(Boolean), error: expect.anything(), selectable: expect.any(Array), coveredOdsCodes: expect.any(Array) } });
    expect(await writeSnapshot()).toEqual(before);
  }, 60_000);

  it("the dry run as an annotated CSV: the input columns plus status and problems", async () => {
    const { status, text, contentType } = await postBulk(csv, true, { accept: "text/csv" });
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/csv/);
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe("line,smartcard_id,ods_code,action,role,reason,end_date,change,status,problems");
    expect(lines).toHaveLength(1001);
    // IDs as ="…", which Excel and LibreOffice open as text (a bare 555500000003 becomes 5.555E+11).
    expect(lines.find((l) => l.startsWith(`${badLines[1]},`))).toMatch(/^\d+,"=""\d{12}""","=""Z99999""",add,R8001,Starter,,.*,error,No organisation with ODS code Z99999/);
    expect(lines[1]).toMatch(/^2,"=""\d{12}""","=""[A-Z0-9]+""",add,/);
  }, 60_000);

  it("the annotated CSV can be uploaded again as it is: the same rows read the same way", async () => {
    const annotated = (await postBulk(csv, true, { accept: "text/csv" })).text;
    const [first, again] = [(await postBulk(csv, true)).body, (await postBulk(annotated, true)).body];
    expect(again.rows).toHaveLength(1000);
    const outcome = (r: { status: string; after: unknown }) => [r.status, r.after];
    // The one line with too few cells comes back filled out to every column: still refused, for its empty role and reason.
    const short = badLines.at(-1)!;
    expect(again.rows.filter((r: { line: number }) => r.line !== short).map(outcome)).toEqual(first.rows.filter((r: { line: number }) => r.line !== short).map(outcome));
    expect(again.rows.find((r: { line: number }) => r.line === short)).toMatchObject({ status: "error", problems: [expect.stringMatching(/^Role: enter a job role code/), expect.stringMatching(/^Reason: enter why/)] });
  }, 120_000);

  it("applying writes exactly one audit event per applied row, each with the batch id and its line; the change log finds the batch", async () => {
    const after = await lastEventId();
    const started = Date.now();
    const { status, body } = await postBulk(csv, false);
    console.log(`bulk apply, 1,000 rows: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(status).toBe(200);
    expect(body.batchId).toMatch(/^[0-9a-f-]{36}$/);
    const applied = body.rows.filter((r: { status: string }) => r.status === "applied");
    expect(applied).toHaveLength(990);
    expect(body.rows.filter((r: { status: string }) => r.status === "error").map((r: { line: number }) => r.line)).toEqual(badLines);
    const events = await changeEventsAfter(after);
    expect(events).toHaveLength(990);
    const batches = events.map((e) => JSON.parse(e.safeguards ?? "{}").batch);
    expect(new Set(batches.map((b) => b.id))).toEqual(new Set([body.batchId]));
    expect(batches.map((b) => b.line)).toEqual(applied.map((r: { line: number }) => r.line));
    expect(new Set(events.map((e) => e.actorEmail))).toEqual(new Set([MANAGER]));

    const page = await auditJson("list", { batchId: body.batchId, limit: 200 });
    expect(page.status).toBe(200);
    expect(page.body.events).toHaveLength(200);
    expect(page.body.nextCursor).not.toBeNull();
    expect(page.body.events.every((e: { safeguards: string }) => e.safeguards.includes(body.batchId))).toBe(true);
    expect((await auditJson("list", { batchId: "not-a-batch" })).status).toBe(400);
  }, 600_000);

  it("applying the same file again changes nothing more: every good row is 'no change'", async () => {
    const before = await writeSnapshot();
    const { status, body } = await postBulk(csv, false);
    expect(status).toBe(200);
    expect(body.rows.filter((r: { status: string }) => r.status === "no_change")).toHaveLength(990);
    expect(body.rows.filter((r: { status: string }) => r.status === "error")).toHaveLength(10);
    expect(await writeSnapshot()).toEqual(before);
  }, 600_000);

  it("the change log still verifies against the database", async () => {
    const result = await verifyAuditTrail();
    expect(result.chain.ok).toBe(true);
  }, 60_000);
});

describe("a row that fails mid-way", () => {
  it("leaves that row unapplied (no grant, no version claimed, no event) and the rows around it applied", async () => {
    const [first, failing, last] = FAILING;
    const positionOf = async (smartcardId: string) => (await db.position.findFirstOrThrow({ where: { person: { smartcardId } }, include: { organisation: true } }));
    const failingPosition = await positionOf(failing!);
    // The database refuses this one grant inside its transaction, after the version was claimed.
    await refuseRoleAssignmentsAt(failingPosition.id);
    try {
      const lines: Line[] = [];
      for (const id of [first!, failing!, last!]) lines.push([id, (await positionOf(id)).organisation.odsCode, "add", "R8009", "Admin cover"]);
      const version = await versionOf(failing!);
      const after = await lastEventId();
      const { status, body } = await postBulk(csvOf(lines), false);
      expect(status).toBe(200);
      expect(body.rows.map((r: { status: string }) => r.status)).toEqual(["applied", "error", "applied"]);
      expect(body.rows[1]).toMatchObject({ line: 3, problems: ["Something went wrong on our side; this row was not changed."] });
      expect(await versionOf(failing!)).toBe(version);
      expect((await activeGrants(failing!, failingPosition.organisation.odsCode)).roles).not.toContain("R8009");
      expect((await changeEventsAfter(after)).map((e) => e.smartcardId)).toEqual([first, last]);
    } finally {
      await allowRoleAssignments();
    }
  });
});

describe("a person changed by someone else while the file is applied", () => {
  it("is read again and the row planned afresh: what the other change already made is 'no change', not a second grant", async () => {
    const [first, , last] = FAILING;
    const positionOf = async (smartcardId: string) => db.position.findFirstOrThrow({ where: { person: { smartcardId } }, include: { organisation: true, person: true } });
    const [a, b] = [await positionOf(first!), await positionOf(last!)];
    // When the first row's grant is written, someone else gives the second person the same role (and claims their version).
    await alsoGrantElsewhere(a.id, b.id, b.personId, "R8010");
    try {
      const after = await lastEventId();
      const { status, body } = await postBulk(csvOf([[first!, a.organisation.odsCode, "add", "R8010", "Cover"], [last!, b.organisation.odsCode, "add", "R8010", "Cover"]]), false);
      expect(status).toBe(200);
      expect(body.rows.map((r: { status: string }) => r.status)).toEqual(["applied", "no_change"]);
      expect(body.rows[1].problems).toEqual([`R8010 is already held at ${b.organisation.odsCode}: nothing to do.`]);
      expect(await db.roleAssignment.count({ where: { positionId: b.id, roleCode: "R8010", endedAt: null } })).toBe(1);
      expect((await changeEventsAfter(after)).map((e) => e.smartcardId)).toEqual([first]);
    } finally {
      await stopGrantingElsewhere();
    }
  });
});

describe("the API's refusals", () => {
  const small = csvOf([[demoPeople.trustReady, "RYR", "add", "R8009", "Cover"]]);

  it("400 for a body that is not text/csv, over 1 MB, a file it cannot read, or a bad dryRun; nothing written", async () => {
    const before = await writeSnapshot();
    expect(await postBulk(small, true, { "content-type": "application/json" })).toMatchObject({ status: 400, body: errorBody("bad_input") });
    expect((await postBulk(small, true, { "content-type": "application/json" })).body.error.message).toMatch(/Content-Type: text\/csv/);
    const big = await postBulk(`${BULK_HEADER}\n${"x".repeat(1024 * 1024)}`, false);
    expect(big).toMatchObject({ status: 400, body: { error: { code: "bad_input", message: expect.stringMatching(/over 1 MB/) } } });
    expect(await postBulk("name,email\nA,b", false)).toMatchObject({ status: 400, body: errorBody("bad_input", { file: expect.stringMatching(/header row/) }) });
    expect(await postBulk(small, "maybe")).toMatchObject({ status: 400, body: errorBody("bad_input", { dryRun: "dryRun is true or false" }) });
    expect(await writeSnapshot()).toEqual(before);
  });

  it("403 for an RA agent and for another site; 401 signed out", async () => {
    await signInAs("agent@ra.example");
    expect(await postBulk(small, true)).toMatchObject({ status: 403, body: errorBody("forbidden") });
    await signInAs(MANAGER);
    expect(await postBulk(small, false, { origin: "https://evil.example" })).toMatchObject({ status: 403, body: errorBody("forbidden") });
    signOut();
    expect(await postBulk(small, true)).toMatchObject({ status: 401, body: errorBody("not_signed_in") });
    await signInAs(MANAGER);
  });
});
