// Working a request after it arrived: internal notes the requester never sees, attaching or correcting the
// organisation, and splitting a request that names several people. Each is audited and writes nothing when refused.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { DENSHAM, LANCING_PRACTICES, QUEENS_PARK } from "@/prisma/seed/demo";
import { changeRequest, loadRequest, requestStatusForRequester, submitRequestApi } from "@/lib/services/requests";
import { addNote, split } from "@/lib/services/request-edits";
import { verifyAuditChain, verifyAuditTrail } from "@/lib/data/audit-verify";
import { signInAs, signOut } from "./support/session";
import { failure, requester, requestVersion, suggestedText, userId } from "./support/requests-api";
import { changeEventsAfter, emailsFor, lastEventId, parse, requestLoopSnapshot } from "./support/outbox";

const AGENT = "agent@ra.example";
const AUDITOR = "auditor@ra.example";
const SUSSEX = "agent-sussex@ra.example"; // acts only for the Lancing PCN practices
const UNCOVERED = "A81004"; // Bluebell Medical Centre: a seeded practice no console user acts for

afterEach(() => signOut());

let ip = 0;
async function submit(odsCode: string | undefined, message: string, from = requester("edits")) {
  signOut();
  ip += 1;
  const created = await submitRequestApi({ ...from, odsCode, message }, `192.0.2.${ip}`);
  return { ...created, ...from };
}

describe("internal notes", () => {
  let request: Awaited<ReturnType<typeof submit>>;
  const note = "Rang the practice manager: she confirms Priya started on Monday. Do not tell the requester yet.";

  beforeAll(async () => {
    request = await submit(DENSHAM.odsCode, suggestedText("5555 0000 0002"));
    await signInAs(AGENT);
    // Something the requester is meant to see, so the conversation is not empty anyway.
    await changeRequest({ id: request.id, version: 1, status: "waiting", message: "Which practice do you work at?" });
  });

  it("are kept as a row and audited as request.note_added with the text as reason; the request's version stays", async () => {
    await signInAs(AGENT);
    const version = await requestVersion(request.id);
    const [afterEvent, emails] = [await lastEventId(), await db.outboxEmail.count()];
    const saved = await addNote({ id: request.id, text: `  ${note}  ` });
    expect(saved).toMatchObject({ requestId: request.id, kind: "internal", authorId: await userId(AGENT), authorName: "Alex Agent", text: note });
    expect(await db.requestNote.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({ kind: "internal", text: note });
    const events = await changeEventsAfter(afterEvent);
    expect(events).toMatchObject([{ action: "request.note_added", requestId: request.id, actorEmail: AGENT, reason: note, odsCode: DENSHAM.odsCode }]);
    expect(parse(events[0]!.after)).toStrictEqual({ noteId: saved.id, kind: "internal" });
    expect(await requestVersion(request.id)).toBe(version);
    expect(await db.outboxEmail.count()).toBe(emails);
    // The officer's request page shows it.
    expect((await loadRequest(request.id)).request.notes.map((n) => n.text)).toContain(note);
  });

  it("are never part of the requester's conversation", async () => {
    signOut();
    const status = await requestStatusForRequester({ reference: request.reference, email: request.email }, "192.0.2.200");
    expect(status.conversation).toStrictEqual([{ from: "ra", text: "Which practice do you work at?", at: expect.any(Date) }]);
    expect(JSON.stringify(status)).not.toContain("practice manager");
  });

  it("an auditor is refused (403) and nothing is written", async () => {
    await signInAs(AUDITOR);
    const before = await requestLoopSnapshot();
    expect(await failure(addNote({ id: request.id, text: "Auditor's remark" }))).toMatchObject({ status: 403, code: "forbidden" });
    expect(await requestLoopSnapshot()).toEqual(before);
  });

  it.each([
    [{ text: "" }, "text"],
    [{ text: "   " }, "text"],
    [{ text: "n".repeat(2001) }, "text"],
    [{ id: "CSMS-NOTANID1", text: "A note" }, "id"],
    [{ id: undefined, text: "A note" }, "id"],
  ])("bad input %j is 400 naming %s, and nothing is written", async (input, field) => {
    await signInAs(AGENT);
    const before = await requestLoopSnapshot();
    const problem = await failure(addNote({ id: request.id, ...input }));
    expect(problem).toMatchObject({ status: 400, code: "bad_input" });
    expect(problem.fields).toStrictEqual({ [field]: expect.stringMatching(/\S/) });
    expect(await requestLoopSnapshot()).toEqual(before);
  });

  it("2000 characters is the most a note may have", async () => {
    await signInAs(AGENT);
    expect((await addNote({ id: request.id, text: "n".repeat(2000) })).text).toHaveLength(2000);
  });
});

describe("attaching or correcting the organisation (ODS code)", () => {
  let id: string;
  beforeAll(async () => {
    ({ id } = await submit(undefined, "CSMS says I have no workgroup. Smartcard 5555 0000 0017"));
  });

  const move = async (odsCode: string) => {
    const afterEvent = await lastEventId();
    const emails = (await emailsFor(id)).length;
    const row = await changeRequest({ id, version: await requestVersion(id), odsCode });
    expect((await emailsFor(id)).length).toBe(emails);
    return { row, events: await changeEventsAfter(afterEvent) };
  };

  it("attaching one is audited with before and after odsCode", async () => {
    await signInAs(AGENT);
    const { row, events } = await move("a81002");
    expect(row).toMatchObject({ odsCode: QUEENS_PARK.odsCode, status: "new", version: 2 });
    expect(events).toMatchObject([{ action: "request.updated", requestId: id, odsCode: QUEENS_PARK.odsCode }]);
    expect(parse(events[0]!.before)).toMatchObject({ odsCode: null });
    expect(parse(events[0]!.after)).toMatchObject({ odsCode: QUEENS_PARK.odsCode });
  });

  it("correcting it is audited with the old and the new code", async () => {
    await signInAs(AGENT);
    const { row, events } = await move(DENSHAM.odsCode);
    expect(row).toMatchObject({ odsCode: DENSHAM.odsCode, version: 3 });
    expect({ before: parse(events[0]!.before).odsCode, after: parse(events[0]!.after).odsCode }).toStrictEqual({ before: QUEENS_PARK.odsCode, after: DENSHAM.odsCode });
  });

  it("an unknown or malformed ODS code is 400 naming odsCode, and nothing is written", async () => {
    await signInAs(AGENT);
    const before = await requestLoopSnapshot();
    const version = await requestVersion(id);
    expect(await failure(changeRequest({ id, version, odsCode: "B99999" }))).toMatchObject({ status: 400, fields: { odsCode: expect.stringMatching(/No organisation has the ODS code B99999/) } });
    expect(await failure(changeRequest({ id, version, odsCode: "12-34" }))).toMatchObject({ status: 400, fields: { odsCode: expect.stringMatching(/\S/) } });
    expect(await requestLoopSnapshot()).toEqual(before);
  });

  it("moving it to an organisation the officer does not act for is 400 naming odsCode, and nothing is written", async () => {
    const ballTree = await submit(LANCING_PRACTICES.ballTree.odsCode, suggestedText("5555 0000 0020"));
    const before = await requestLoopSnapshot();
    await signInAs(SUSSEX);
    expect(await failure(changeRequest({ id: ballTree.id, version: 1, odsCode: DENSHAM.odsCode }))).toMatchObject({
      status: 400,
      code: "bad_input",
      fields: { odsCode: expect.stringMatching(/do not act for A81001/) },
    });
    // Nor may an RA agent send one to an organisation nobody covers: routing those is for RA managers.
    await signInAs(AGENT);
    expect(await failure(changeRequest({ id, version: await requestVersion(id), odsCode: UNCOVERED }))).toMatchObject({ status: 400, fields: { odsCode: expect.stringMatching(/A81004/) } });
    expect(await requestLoopSnapshot()).toEqual(before);
  });
});

describe("splitting a request that names several people", () => {
  const message = "Three of us need CSMS access: 5555 0000 0002, 5555 0000 0017 and 5555 0000 0018. Thanks";
  let parent: Awaited<ReturnType<typeof submit>>;
  beforeAll(async () => {
    parent = await submit(DENSHAM.odsCode, message);
  });

  it("makes one linked request for the ID split off, with its own reference; audited request.created then request.split", async () => {
    await signInAs(AGENT);
    expect(await db.accessRequest.findUniqueOrThrow({ where: { id: parent.id } })).toMatchObject({ smartcardId: "555500000002", version: 1 });
    const afterEvent = await lastEventId();
    const result = await split({ id: parent.id, version: 1, smartcardIds: ["5555-0000-0017"] });
    expect(result).toStrictEqual({ id: parent.id, created: [{ id: expect.any(String), reference: expect.stringMatching(/^CSMS-[0-9A-Z]{8}$/), smartcardId: "555500000017" }] });
    const [created] = result.created;
    expect(created!.reference).not.toBe(parent.reference);

    const child = await db.accessRequest.findUniqueOrThrow({ where: { id: created!.id } });
    expect(child).toMatchObject({
      parentId: parent.id, reference: created!.reference, smartcardId: "555500000017", status: "new", version: 1,
      name: parent.name, email: parent.email, message, source: "form", odsCode: DENSHAM.odsCode, createdById: await userId(AGENT),
    });
    expect(await db.accessRequest.findUniqueOrThrow({ where: { id: parent.id } })).toMatchObject({ smartcardId: "555500000002", version: 2, parentId: null });

    const events = await changeEventsAfter(afterEvent);
    expect(events.map((e) => [e.action, e.requestId])).toEqual([["request.created", child.id], ["request.split", parent.id]]);
    expect(events[0]).toMatchObject({ smartcardId: "555500000017", actorEmail: AGENT });
    expect(parse(events[0]!.after)).toMatchObject({ status: "new", reference: child.reference, splitFrom: parent.reference });
    expect(parse(events[1]!.before)).toStrictEqual({ smartcardId: "555500000002" });
    expect(parse(events[1]!.after)).toStrictEqual({ smartcardId: "555500000002", split: [{ reference: child.reference, smartcardId: "555500000017" }] });

    // Each side's page shows the link; the parent offers only the ID not yet split off.
    const page = await loadRequest(parent.id);
    expect(page.request.children).toMatchObject([{ id: child.id, reference: child.reference }]);
    expect(page.splittable).toEqual(["555500000018"]);
    expect((await loadRequest(child.id)).request.parent).toStrictEqual({ id: parent.id, reference: parent.reference });
  });

  it("a stale version is 409 and nothing is written", async () => {
    await signInAs(AGENT);
    const before = await requestLoopSnapshot();
    expect(await failure(split({ id: parent.id, version: 1, smartcardIds: ["5555 0000 0018"] }))).toMatchObject({ status: 409, code: "version_conflict" });
    expect(await requestLoopSnapshot()).toEqual(before);
  });

  it("splitting the same ID again, or an ID the request does not name, is 400 naming smartcardIds; nothing is written", async () => {
    await signInAs(AGENT);
    const before = await requestLoopSnapshot();
    const version = await requestVersion(parent.id);
    expect(await failure(split({ id: parent.id, version, smartcardIds: ["5555 0000 0017"] }))).toMatchObject({ status: 400, fields: { smartcardIds: expect.stringMatching(/555500000017/) } });
    expect(await failure(split({ id: parent.id, version, smartcardIds: ["5555 0000 0030"] }))).toMatchObject({ status: 400, fields: { smartcardIds: expect.stringMatching(/does not name 555500000030/) } });
    expect(await failure(split({ id: parent.id, version, smartcardIds: ["5555 0000 0002"] }))).toMatchObject({ status: 400, fields: { smartcardIds: expect.stringMatching(/\S/) } });
    await signInAs(AUDITOR);
    expect(await failure(split({ id: parent.id, version, smartcardIds: ["5555 0000 0018"] }))).toMatchObject({ status: 403 });
    expect(await requestLoopSnapshot()).toEqual(before);
  });
});

describe("the audit log after notes, corrections and splits", () => {
  it("the chain verifies and the change log replays to the requests as stored", async () => {
    expect(await verifyAuditChain(null)).toMatchObject({ ok: true, firstBadEventId: null });
    const trail = await verifyAuditTrail();
    expect(trail.state).toMatchObject({ ok: true, checked: true, problem: null, disagreements: 0 });
    expect(trail.state.requests).toBe(await db.accessRequest.count());
  });
});
