// `npm run ods:import` (issue 13, item 2): a modified extract and PCN file against a real SQLite copy of the
// demo data. The dry run reports the exact diff and writes nothing; --apply makes it as one audited batch; a
// second apply changes nothing.
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { promisify } from "node:util";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { verifyAuditTrail } from "@/lib/data/audit-verify";
import { runOdsImport } from "@/lib/services/ods-import";
import { grantsAtClosedOrganisations } from "@/lib/services/reviews";
import { actorForSession } from "@/lib/data/console-users";
import { signInAs, signOut } from "./support/session";
import { LANCING_PCN, demoPeople } from "@/prisma/seed/demo";
import { OdsImportError, parseWestSussexPcns } from "@/prisma/seed/ods-data";
import { writeSnapshot } from "./support/api";

const run = promisify(execFile);
const seedFile = (name: string) => readFileSync(new URL(`../../prisma/seed/ods/${name}`, import.meta.url), "utf8");
const EPRACCUR = seedFile("epraccur.csv");
const PCN_JSON = seedFile("west-sussex-gp-pcn.json");
const REGIS = parseWestSussexPcns(JSON.parse(PCN_JSON)).find((p) => p.practices.some((m) => m.odsCode === "H82021"))!.odsCode;

/** The extract with some fields of some rows replaced (0-based field index). */
function editExtract(edits: Record<string, Record<number, string>>, extraRows: string[] = []): string {
  const lines = EPRACCUR.trimEnd().split(/\r?\n/).map((line) => {
    const code = line.slice(1, line.indexOf('"', 1));
    const edit = edits[code];
    if (!edit) return line;
    const fields = line.split('","').map((f) => f.replace(/^"|"$/g, ""));
    for (const [i, value] of Object.entries(edit)) fields[Number(i)] = value;
    return fields.map((f) => `"${f}"`).join(",");
  });
  return [...lines, ...extraRows].join("\n") + "\n";
}

const newRow = ["Y99990", "HARBOUR VIEW SURGERY", "Y59", "Q88", "1 HARBOUR ROAD", "", "SHOREHAM", "WEST SUSSEX", "", "BN43 5AA", "20260401", "", "A", "B", "09G", "20260401", "", "01273 000000", "", "", "", "0", "", "09G", "", "4", ""]
  .map((f) => `"${f}"`)
  .join(",");
const EXTRACT = editExtract(
  {
    A81004: { 1: "BLUEBELL HEALTH CENTRE" },
    A81005: { 1: "SPRINGWOOD MEDICAL PRACTICE" },
    A81006: { 1: "TENNANT STREET SURGERY" },
    H82091: { 11: "20261031", 12: "C" },
  },
  [newRow],
);
// Arundel Surgery moves from its Regis PCN to the Lancing PCN.
const PCNS = JSON.stringify(JSON.parse(PCN_JSON).map((e: { Code: string; PCN: string }) => (e.Code === "H82021" ? { ...e, PCN: LANCING_PCN.name } : e)));
const ARUNDEL_ENTRY = JSON.parse(PCN_JSON).findIndex((e: { Code: string }) => e.Code === "H82021") + 1;

const input = (apply: boolean) => ({ extract: { file: "epraccur-2026.csv", text: EXTRACT }, pcn: { file: "pcn-2026.json", text: PCNS }, apply });

const expectedDiff = {
  newGroups: [],
  created: [{ odsCode: "Y99990", name: "Harbour View Surgery", kind: "gp_practice", line: 14358, file: "extract", town: "Shoreham", postcode: "BN43 5AA" }],
  renamed: [
    { odsCode: "A81004", from: "Bluebell Medical Centre", to: "Bluebell Health Centre", line: 4 },
    { odsCode: "A81005", from: "Springwood Surgery", to: "Springwood Medical Practice", line: 5 },
    { odsCode: "A81006", from: "Tennant Street Medical Practice", to: "Tennant Street Surgery", line: 6 },
  ],
  closed: [{ odsCode: "H82091", name: "New Pond Row Surgery", closedOn: "2026-10-31", line: expect.any(Number) }],
  reopened: [],
  moved: [{ odsCode: "H82021", name: "Arundel Surgery", from: [REGIS], to: LANCING_PCN.odsCode, entry: ARUNDEL_ENTRY }],
};

// People with active grants at New Pond Row Surgery, which the extract closes (in smartcard ID order).
const review = [
  { smartcardId: demoPeople.canLogInAdmin, personName: "Tom Fletcher", grants: ["R8008", "cervicalscreening"] },
  { smartcardId: demoPeople.roleAndWorkgroupApartPcn, personName: "Natalie Price", grants: ["cervicalscreening"] },
  { smartcardId: demoPeople.coveredByPcnWholeGroup, personName: "Zoe Campbell", grants: ["R8006", "cervicalscreening"] },
].map((r) => ({ ...r, odsCode: "H82091", orgName: "New Pond Row Surgery" }));

const orgRows = () => db.organisation.findMany({ orderBy: { id: "asc" } });
const memberships = () => db.organisationGroupMember.findMany({ orderBy: [{ groupId: "asc" }, { memberId: "asc" }] });

beforeAll(async () => {
  // Arundel Surgery is also in a GP federation: moving between PCNs must leave that alone.
  const [fed, arundel] = await Promise.all([
    db.organisation.create({ data: { odsCode: "U99902", name: "Test GP Federation", kind: "federation" } }),
    db.organisation.findUniqueOrThrow({ where: { odsCode: "H82021" } }),
  ]);
  await db.organisationGroupMember.create({ data: { groupId: fed.id, memberId: arundel.id } });
});

describe("npm run ods:import", () => {
  it("an unchanged extract is no change at all", async () => {
    const report = await runOdsImport({ extract: { file: "epraccur.csv", text: EPRACCUR }, pcn: { file: "pcn.json", text: PCN_JSON }, apply: false });
    expect(report.changes).toBe(0);
  });

  it("the dry run reports the exact diff and the grants to review, and writes nothing", async () => {
    const before = [await writeSnapshot(), await orgRows(), await memberships()];
    const report = await runOdsImport(input(false));
    expect(report.diff).toEqual(expectedDiff);
    expect(report).toMatchObject({ changes: 6, batchId: null, events: 0 });
    expect(report.review).toEqual(review.map((r) => ({ ...r, closedAt: null })));
    expect([await writeSnapshot(), await orgRows(), await memberships()]).toEqual(before);
  });

  it("prints the same from the command line", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ods-import-"));
    writeFileSync(path.join(dir, "epraccur-2026.csv"), EXTRACT);
    writeFileSync(path.join(dir, "pcn-2026.json"), PCNS);
    const { stdout } = await run("npm", ["run", "--silent", "ods:import", "--", path.join(dir, "epraccur-2026.csv"), "--pcn", path.join(dir, "pcn-2026.json")], {
      env: process.env,
      timeout: 60_000,
    });
    expect(stdout).toContain("Dry run (nothing changed; add --apply to apply): 6 changes");
    expect(stdout).toContain('~ A81005 "Springwood Surgery" -> "Springwood Medical Practice"');
    expect(stdout).toContain(`> H82021 Arundel Surgery: ${REGIS} -> ${LANCING_PCN.odsCode}`);
    expect(stdout).toContain("Active grants at organisations to close, for review: 3");
  }, 60_000);

  it("--apply makes it as one batch: one event per change, all with the same batch id", async () => {
    const last = (await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } })).id;
    const report = await runOdsImport(input(true));
    expect(report.diff).toEqual(expectedDiff);
    expect(report.events).toBe(6);
    expect(report.review).toEqual(review.map((r) => ({ ...r, closedAt: new Date("2026-10-31T00:00:00Z") })));

    const events = await db.auditEvent.findMany({ where: { id: { gt: last } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.odsCode])).toEqual([
      ["organisation.created", "Y99990"],
      ["organisation.renamed", "A81004"],
      ["organisation.renamed", "A81005"],
      ["organisation.renamed", "A81006"],
      ["organisation.closed", "H82091"],
      ["organisation.groups_changed", "H82021"],
    ]);
    const batches = events.map((e) => JSON.parse(e.safeguards!).batch);
    expect(new Set(batches.map((b) => b.id))).toEqual(new Set([report.batchId]));
    expect(batches[1]).toEqual({ id: report.batchId, line: 4, file: "epraccur-2026.csv" });
    expect(events.every((e) => e.actorEmail === "ods-import")).toBe(true);
    expect(JSON.parse(events[5]!.before!).groups).toEqual([REGIS, "U99902"].sort());
    expect(JSON.parse(events[5]!.after!).groups).toEqual([LANCING_PCN.odsCode, "U99902"].sort());

    const byCode = async (odsCode: string) => db.organisation.findUniqueOrThrow({ where: { odsCode } });
    expect((await byCode("A81005")).name).toBe("Springwood Medical Practice");
    expect((await byCode("H82091")).closedAt).toEqual(new Date("2026-10-31T00:00:00Z"));
    expect(await byCode("Y99990")).toMatchObject({ name: "Harbour View Surgery", kind: "gp_practice", closedAt: null, workgroupCreatedAt: null, town: "Shoreham", postcode: "BN43 5AA" });
    // Closed, not gone: its positions and grants are kept, for review.
    expect(await db.position.count({ where: { organisation: { odsCode: "H82091" } } })).toBeGreaterThan(0);
    expect((await verifyAuditTrail()).ok).toBe(true);
    // /reviews lists them for officers acting for New Pond Row, and not for others.
    const actor = async (email: string) => (await actorForSession(await signInAs(email)))!;
    expect((await grantsAtClosedOrganisations(await actor("advanced@ra.example"))).map((g) => g.personName)).toEqual(review.map((r) => r.personName));
    const outside = await actor("advanced@ra.example").then((a) => ({ ...a, odsCodes: ["A81001"] }));
    expect(await grantsAtClosedOrganisations(outside)).toEqual([]);
    signOut();
  });

  it("a second apply changes nothing and writes no event", async () => {
    const before = [await writeSnapshot(), await orgRows(), await memberships(), await db.auditEvent.count()];
    const report = await runOdsImport(input(true));
    expect(report).toMatchObject({ changes: 0, batchId: null, events: 0 });
    expect([await writeSnapshot(), await orgRows(), await memberships(), await db.auditEvent.count()]).toEqual(before);
  });

  it("a malformed row stops it with its line number, nothing written", async () => {
    const before = [await orgRows(), await db.auditEvent.count()];
    const broken = editExtract({ A81007: { 12: "X" }, A81004: { 1: "RENAMED AGAIN" } });
    await expect(runOdsImport({ extract: { file: "bad.csv", text: broken }, apply: true })).rejects.toThrow(OdsImportError);
    await expect(runOdsImport({ extract: { file: "bad.csv", text: broken }, apply: true })).rejects.toThrow(/bad.csv line 7: A81007 has unknown status "X"/);
    expect([await orgRows(), await db.auditEvent.count()]).toEqual(before);
  });
});
