// The RA triage inbox (order, counts, filters, scope) and turning a received email into a request.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { DENSHAM, LANCING_PRACTICES, QUEENS_PARK, TRUST, demoPeople } from "@/prisma/seed/demo";
import { changeRequest, createRequestFromEmail, submitRequestApi } from "@/lib/services/requests";
import { loadInbox } from "@/lib/services/request-inbox";
import { signInAs, signOut } from "./support/session";
import { failure, requester, requestWrites, suggestedText, userId } from "./support/requests-api";

const AGENT = "agent@ra.example";
const HOUR = 60 * 60 * 1000;
const NOW = Date.now(); // one clock for the file, so equal "hours ago" are equal timestamps
afterEach(() => signOut());

let ip = 0;
async function submit(odsCode: string | undefined, message: string, hoursAgo: number, from = requester("inbox")): Promise<string> {
  ip += 1;
  const { id } = await submitRequestApi({ ...from, odsCode, message }, `192.0.2.${ip}`);
  const createdAt = new Date(NOW - hoursAgo * HOUR);
  // AccessRequest has no append-only triggers: a test may backdate a request to set the queue's order.
  await db.$executeRaw`UPDATE "AccessRequest" SET "createdAt" = ${createdAt} WHERE "id" = ${id}`;
  expect((await db.accessRequest.findUniqueOrThrow({ where: { id } })).createdAt).toEqual(createdAt);
  return id;
}

// The queue, oldest first. Each is submitted through the public path, then backdated.
const r: Record<string, string> = {};
beforeAll(async () => {
  expect(await db.accessRequest.count()).toBe(0);
  r.lancing = await submit(LANCING_PRACTICES.ballTree.odsCode, suggestedText("5555 0000 0007"), 6);
  // From Priya herself (her profile's name and email), so the inbox offers the fix without an identity check.
  r.densham = await submit(DENSHAM.odsCode, suggestedText("5555 0000 0002"), 5, { name: "Priya Shah", email: "priya.shah@nhs.example" });
  r.locked = await submit(QUEENS_PARK.odsCode, "My smartcard is locked and I have forgotten my passcode.", 4);
  r.noOrg = await submit(undefined, "Please can someone help me get into CSMS?", 3);
  r.trust = await submit(TRUST.odsCode, suggestedText("5555 0000 0033"), 2);
  r.resolved = await submit(DENSHAM.odsCode, suggestedText("5555 0000 0004"), 1);
  r.mine = await submit(DENSHAM.odsCode, "CSMS says no workgroup. Smartcard 5555 0000 0021", 0.5);

  await signInAs(AGENT);
  await changeRequest({ id: r.resolved, version: 1, status: "resolved", reply: "You can already log in." });
  await changeRequest({ id: r.mine, version: 1, status: "waiting", assignedToId: await userId(AGENT) });
  signOut();
});

const ids = (inbox: Awaited<ReturnType<typeof loadInbox>>) => inbox.rows.map((row) => row.request.id);

describe("loadInbox as the agent", () => {
  it("lists open requests oldest first, each diagnosed", async () => {
    await signInAs(AGENT);
    const inbox = await loadInbox({});
    expect(inbox.errors).toEqual({});
    expect(ids(inbox)).toEqual([r.lancing, r.densham, r.locked, r.noOrg, r.trust, r.mine]);
    const densham = inbox.rows.find((row) => row.request.id === r.densham)!;
    expect(densham.diagnosis).toMatchObject({
      summary: "no workgroup at A81001",
      suggestedActions: [{ kind: "add_workgroup", odsCode: "A81001" }],
      identity: { state: "match", fields: [], confirmed: true },
      oneClick: true,
    });
    // A requester who is not the profile's owner (5555 0000 0021 is Emma Wilson's): the row says so, and no fix is one click.
    const mine = inbox.rows.find((row) => row.request.id === r.mine)!;
    expect(mine.diagnosis).toMatchObject({
      summary: "identity not confirmed (email and name differ); no workgroup at A81001",
      identity: { state: "mismatch", fields: ["email", "name"], confirmed: false },
      oneClick: false,
    });
    expect(inbox.rows.find((row) => row.request.id === r.locked)!.category).toBe("smartcard_locked");
    expect(inbox.nextCursor).toBeNull();
  });

  it("counts requests per status", async () => {
    await signInAs(AGENT);
    expect((await loadInbox({})).counts).toStrictEqual({ new: 5, in_progress: 0, waiting: 1, resolved: 1, rejected: 0 });
  });

  it.each<{ filter: Record<string, string>; expected: string[] }>([
    { filter: { status: "resolved" }, expected: ["resolved"] },
    { filter: { status: "waiting" }, expected: ["mine"] },
    { filter: { status: "rejected" }, expected: [] },
    { filter: { category: "smartcard_locked" }, expected: ["locked"] },
    { filter: { category: "permissions" }, expected: ["lancing", "densham", "trust", "mine"] },
    { filter: { odsCode: "a81001" }, expected: ["densham", "mine"] },
    { filter: { odsCode: "A81001", status: "resolved" }, expected: ["resolved"] },
    { filter: { mine: "1" }, expected: ["mine"] },
  ])("filter $filter", async ({ filter, expected }) => {
    await signInAs(AGENT);
    const inbox = await loadInbox(filter);
    expect(inbox.errors).toEqual({});
    expect(ids(inbox)).toEqual(expected.map((key) => r[key]));
  });

  it("an unknown status or category is reported as a field error, not a 500", async () => {
    await signInAs(AGENT);
    const inbox = await loadInbox({ status: "bogus", category: "<script>" });
    expect(Object.keys(inbox.errors).sort()).toEqual(["category", "status"]);
  });
});

describe("scope", () => {
  it("agent-sussex sees their practices and requests naming no organisation, not RYR or A81001", async () => {
    await signInAs("agent-sussex@ra.example");
    const inbox = await loadInbox({});
    expect(ids(inbox)).toEqual([r.lancing, r.noOrg]);
    expect(inbox.counts).toStrictEqual({ new: 2, in_progress: 0, waiting: 0, resolved: 0, rejected: 0 });
    expect(ids(await loadInbox({ odsCode: TRUST.odsCode }))).toEqual([]);
    expect(ids(await loadInbox({ status: "resolved" }))).toEqual([]);
  });

  it("the auditor sees every open request (read only)", async () => {
    await signInAs("auditor@ra.example");
    const inbox = await loadInbox({});
    expect(ids(inbox)).toEqual([r.lancing, r.densham, r.locked, r.noOrg, r.trust, r.mine]);
    expect(inbox.counts.resolved).toBe(1);
  });

  it("signed out is refused", async () => {
    expect(await failure(loadInbox({}))).toMatchObject({ status: 401, code: "not_signed_in" });
  });
});

describe("createRequestFromEmail", () => {
  const text = [
    "From: Dr Jane Smith <jane.smith@nhs.example>",
    "Sent: 3 March 2026 09:12",
    "Subject: CSMS access",
    "",
    "Hello, my smartcard 5555-0000-0011 does not get me into CSMS. I work at A81002 (Queens Park Medical Centre),",
    "previously at Z99999. CSMS says no valid role.",
    "Thanks, Jane",
  ].join("\n");
  const email = { senderName: "Dr Jane Smith", senderEmail: "Jane.Smith@nhs.example", text };

  it("the agent turns a pasted email into a request, audited as theirs", async () => {
    await signInAs(AGENT);
    const agentId = await userId(AGENT);
    const before = await db.auditEvent.count();
    const created = await createRequestFromEmail(email);
    expect(created).toStrictEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), reference: expect.stringMatching(/^CSMS-[0-9A-Z]{8}$/) });

    const row = await db.accessRequest.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      source: "email",
      name: "Dr Jane Smith",
      email: "jane.smith@nhs.example",
      smartcardId: demoPeople.noRoles,
      odsCode: QUEENS_PARK.odsCode, // Z99999 is not a known organisation, so the first known code wins
      category: "permissions",
      status: "new",
      message: text,
      createdById: agentId,
    });
    expect(demoPeople.noRoles).toBe("555500000011");

    const events = await db.auditEvent.findMany({ where: { id: { gt: before } } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "request.created", requestId: created.id, actorId: agentId, actorEmail: AGENT, smartcardId: "555500000011", odsCode: "A81002" });
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ source: "email", category: "permissions", reference: created.reference });

    const inbox = await loadInbox({ odsCode: "A81002" });
    expect(ids(inbox)).toEqual([r.locked, created.id]);
  });

  it("the auditor cannot create one (403) and nothing is written", async () => {
    await signInAs("auditor@ra.example");
    const before = await requestWrites();
    expect(await failure(createRequestFromEmail(email))).toMatchObject({ status: 403, code: "forbidden" });
    expect(await requestWrites()).toEqual(before);
  });

  it("invalid intake is 400 with fields", async () => {
    await signInAs(AGENT);
    const problem = await failure(createRequestFromEmail({ senderName: "", senderEmail: "nope", text: "" }));
    expect(problem).toMatchObject({ status: 400, code: "bad_input" });
    expect(Object.keys(problem.fields ?? {}).sort()).toEqual(["senderEmail", "senderName", "text"]);
  });
});

describe("paging", () => {
  it("pages of 50 by cursor cover every request once, oldest first, even when createdAt ties", async () => {
    const code = LANCING_PRACTICES.newPondRow.odsCode;
    const created: string[] = [];
    for (let i = 0; i < 55; i++) created.push(await submit(code, `Request ${i}: please add the CSMS workgroup`, i >= 40 ? 1 : 9 - i / 10));
    await signInAs(AGENT);
    const first = await loadInbox({ odsCode: code });
    expect(first.rows).toHaveLength(50);
    expect(first.nextCursor).toMatch(/^\d+_[0-9a-f-]{36}$/);
    const second = await loadInbox({ odsCode: code, cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    const paged = [...ids(first), ...ids(second)];
    expect(new Set(paged).size).toBe(55);
    const expected = await db.accessRequest.findMany({ where: { odsCode: code }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
    expect(paged).toEqual(expected.map((row) => row.id));
    expect(new Set(paged)).toEqual(new Set(created));
  });
});
