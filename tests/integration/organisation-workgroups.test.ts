// Organisation workgroups and organisations in several groups (issue 13, items 2 and 4): through the real route
// handlers and services, on a real SQLite copy of the demo data.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { findPersonProfile } from "@/lib/data/people";
import { verifyAuditTrail } from "@/lib/data/audit-verify";
import { planFix } from "@/lib/domain/fix";
import * as orgWorkgroupRoute from "@/app/api/v1/organisations/[odsCode]/workgroup/route";
import { DENSHAM, LANCING_PCN, LANCING_PRACTICES, demoPeople } from "@/prisma/seed/demo";
import { demoWorkgroupOdsCodes } from "@/prisma/seed/people";
import { signInAs, signOut } from "./support/session";
import { api, buildRequest, errorBody, versionOf, writeSnapshot, type ApiResult } from "./support/api";

const SPRINGWOOD = "A81005"; // a real practice with no workgroup in the seed
const JESSICA = demoPeople.noRoles; // a position at A81002 with nothing
const reason = "New practice joining the screening programme";

afterEach(() => signOut());

async function createWorkgroup(odsCode: string, body: unknown): Promise<ApiResult> {
  const request = buildRequest("POST", `/api/v1/organisations/${encodeURIComponent(odsCode)}/workgroup`, body);
  const response = await orgWorkgroupRoute.POST(request, { params: Promise.resolve({ odsCode }) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, contentType: response.headers.get("content-type") };
}

beforeAll(async () => {
  // Jessica also works at Springwood (a position with no grants yet), and the demo RA staff act for it.
  const [person, org] = await Promise.all([
    db.person.findUniqueOrThrow({ where: { smartcardId: JESSICA } }),
    db.organisation.findUniqueOrThrow({ where: { odsCode: SPRINGWOOD } }),
  ]);
  await db.position.create({ data: { personId: person.id, organisationId: org.id, title: "Sample taker" } });
  const staff = await db.consoleUser.findMany({ where: { email: { in: ["agent@ra.example", "advanced@ra.example", "manager@ra.example"] } } });
  await db.consoleUserOrganisation.createMany({ data: staff.map((u) => ({ consoleUserId: u.id, organisationId: org.id })) });
});

describe("the seed", () => {
  it("gives a workgroup to the demo organisations people work at, and to none of the other ~11,000", async () => {
    const withWorkgroup = await db.organisation.findMany({ where: { workgroupCreatedAt: { not: null } }, select: { odsCode: true }, orderBy: { odsCode: "asc" } });
    expect(withWorkgroup.map((o) => o.odsCode)).toEqual(demoWorkgroupOdsCodes);
    expect(demoWorkgroupOdsCodes).toEqual(["A81001", "A81002", "H82065", "H82091", "H82096", "RYR"]);
    expect(await db.organisation.count({ where: { workgroupCreatedAt: null } })).toBeGreaterThan(10_000);
  });
});

describe("an organisation without a cervicalscreening workgroup", () => {
  it("refuses to add anyone to it: 400 naming the organisation field, nothing written", async () => {
    await signInAs("advanced@ra.example");
    const before = await writeSnapshot();
    const res = await api.addWorkgroup(JESSICA, { odsCode: SPRINGWOOD, reason, version: await versionOf(JESSICA) });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(
      errorBody("bad_input", {
        odsCode: "This organisation has no cervicalscreening workgroup yet: an RA manager or advanced RA agent must create it first",
      }),
    );
    expect(await writeSnapshot()).toEqual(before);
  });

  it("the profile and the fix plan say it must be created first", async () => {
    const profile = (await findPersonProfile(JESSICA))!;
    expect(profile.positions.find((p) => p.odsCode === SPRINGWOOD)?.orgHasWorkgroup).toBe(false);
    expect(planFix(profile.verdictInput, SPRINGWOOD)).toEqual({
      state: "fix",
      odsCode: SPRINGWOOD,
      actions: [{ kind: "add_role", odsCode: SPRINGWOOD, roleCode: null }, { kind: "create_org_workgroup", odsCode: SPRINGWOOD }],
    });
  });

  it("only an RA manager or advanced RA agent acting for it may create it; bad codes are 400 and unknown ones 404", async () => {
    const before = await writeSnapshot();
    await signInAs("agent@ra.example");
    expect(await createWorkgroup(SPRINGWOOD, { reason })).toMatchObject({ status: 403, body: errorBody("forbidden") });
    await signInAs("auditor@ra.example");
    expect(await createWorkgroup(SPRINGWOOD, { reason })).toMatchObject({ status: 403, body: errorBody("forbidden") });
    await signInAs("manager@ra.example");
    expect(await createWorkgroup("A81006", { reason })).toMatchObject({ status: 403, body: errorBody("forbidden") }); // not theirs
    expect(await createWorkgroup("Z99999", { reason })).toMatchObject({ status: 404, body: errorBody("not_found") });
    expect((await createWorkgroup("A8-1005", { reason })).status).toBe(400);
    expect(await createWorkgroup(SPRINGWOOD, {})).toMatchObject({ status: 400, body: { error: { fields: { reason: expect.any(String) } } } });
    signOut();
    expect((await createWorkgroup(SPRINGWOOD, { reason })).status).toBe(401);
    expect(await writeSnapshot()).toEqual(before);
    expect(await db.organisation.count({ where: { odsCode: SPRINGWOOD, workgroupCreatedAt: { not: null } } })).toBe(0);
  });

  it("is created once, audited with the organisation before and after; a second time is 409", async () => {
    await signInAs("advanced@ra.example");
    const last = (await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } })).id;
    const res = await createWorkgroup(SPRINGWOOD.toLowerCase(), { reason });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      odsCode: SPRINGWOOD,
      name: "Springwood Surgery",
      closedAt: null,
      cervicalScreeningWorkgroup: { createdAt: expect.any(String), createdBy: "advanced@ra.example" },
    });
    const events = await db.auditEvent.findMany({ where: { id: { gt: last } } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "organisation.workgroup_created", actorEmail: "advanced@ra.example", odsCode: SPRINGWOOD, orgName: "Springwood Surgery", reason });
    expect(JSON.parse(events[0]!.before!)).toMatchObject({ odsCode: SPRINGWOOD, cervicalScreeningWorkgroup: null });
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ odsCode: SPRINGWOOD, cervicalScreeningWorkgroup: { createdBy: "advanced@ra.example" } });

    const before = await writeSnapshot();
    expect(await createWorkgroup(SPRINGWOOD, { reason })).toMatchObject({ status: 409, body: errorBody("already_exists") });
    expect(await writeSnapshot()).toEqual(before);
  });

  it("then the person can be added to it, and the change log still replays against the database", async () => {
    await signInAs("advanced@ra.example");
    const res = await api.addWorkgroup(JESSICA, { odsCode: SPRINGWOOD, reason, version: await versionOf(JESSICA) });
    expect(res.status).toBe(200);
    expect(res.body.positions.find((p: { odsCode: string }) => p.odsCode === SPRINGWOOD).cervicalScreeningWorkgroup).toBe(true);
    const trail = await verifyAuditTrail();
    expect(trail).toMatchObject({ ok: true });
  });
});

describe("an organisation in several groups", () => {
  it("a ready practice covers the members of every group it is in", async () => {
    const ELLIE = demoPeople.canLogInHealthcareAssistant; // ready at Ball Tree (Lancing PCN)
    const lancing = [LANCING_PRACTICES.ballTree.odsCode, LANCING_PRACTICES.newPondRow.odsCode, LANCING_PRACTICES.orchard.odsCode];
    expect((await findPersonProfile(ELLIE))!.verdict.coveredOdsCodes).toEqual(lancing);

    // Ball Tree and The Densham Surgery also form a GP federation.
    const federation = await db.organisation.create({ data: { odsCode: "U99901", name: "Test GP Federation", kind: "federation" } });
    const members = await db.organisation.findMany({ where: { odsCode: { in: [LANCING_PRACTICES.ballTree.odsCode, DENSHAM.odsCode] } } });
    await db.organisationGroupMember.createMany({ data: members.map((m) => ({ groupId: federation.id, memberId: m.id })) });

    const profile = (await findPersonProfile(ELLIE))!;
    expect(profile.positions[0]?.groupOdsCodes).toEqual([LANCING_PCN.odsCode, "U99901"]);
    expect(profile.verdict.coveredOdsCodes).toEqual([DENSHAM.odsCode, ...lancing]);
    // Someone ready at The Densham Surgery is covered at Ball Tree through the federation, not at the other Lancing practices.
    const hannah = (await findPersonProfile(demoPeople.canLogIn))!;
    expect(hannah.verdict.coveredOdsCodes).toEqual([DENSHAM.odsCode, LANCING_PRACTICES.ballTree.odsCode]);
  });
});
