// A console user's live sessions: at most MAX_LIVE_SESSIONS at once, listed for RA managers (started, last
// seen), and "sign out everywhere" to end them all, audited.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { actorForSession, listLiveSessions, MAX_LIVE_SESSIONS, startSession } from "@/lib/data/console-users";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "@/lib/auth/session-policy";
import { consoleUsersWithSessions, signOutEverywhere } from "@/lib/services/admin";
import { signOutEverywhereAction } from "@/app/admin-actions";
import { signInAs, signOut } from "./support/session";

const userId = async (email: string) => (await db.consoleUser.findUniqueOrThrow({ where: { email } })).id;
const openSessions = (consoleUserId: number) => db.consoleSession.count({ where: { consoleUserId, endedAt: null } });
const MINUTE = 60 * 1000;

afterEach(() => signOut());

describe("the cap on live sessions", () => {
  it(`${MAX_LIVE_SESSIONS + 2} sign-ins keep the newest ${MAX_LIVE_SESSIONS} sessions live and end the oldest`, async () => {
    const id = await userId("advanced@ra.example");
    const start = Date.now() - 20 * MINUTE;
    const ids: string[] = [];
    for (let i = 0; i < MAX_LIVE_SESSIONS + 2; i++) ids.push(await startSession(id, new Date(start + i * MINUTE)));
    const now = new Date(start + (MAX_LIVE_SESSIONS + 2) * MINUTE);
    expect(await openSessions(id)).toBe(MAX_LIVE_SESSIONS);
    expect(await actorForSession(ids[0]!, now)).toBeNull();
    expect(await actorForSession(ids[1]!, now)).toBeNull();
    for (const sid of ids.slice(2)) expect(await actorForSession(sid, now)).toMatchObject({ id });
    expect((await listLiveSessions([id], now)).get(id)).toHaveLength(MAX_LIVE_SESSIONS);
  });

  it("117 sign-ins leave 10 live sessions, and another account's are untouched", async () => {
    const id = await userId("agent-sussex@ra.example");
    const other = await userId("auditor@ra.example");
    const othersSession = await startSession(other);
    for (let i = 0; i < 117; i++) await startSession(id);
    expect(await openSessions(id)).toBe(MAX_LIVE_SESSIONS);
    expect(await actorForSession(othersSession)).toMatchObject({ id: other });
  });

  it("sessions already over (idle, or past 8 hours) are closed and do not count towards the cap", async () => {
    const id = await userId("agent@ra.example");
    const now = Date.now();
    const idle = await startSession(id, new Date(now - SESSION_IDLE_MS - 5 * MINUTE));
    const old = await startSession(id, new Date(now - SESSION_ABSOLUTE_MS - MINUTE));
    const live = await startSession(id, new Date(now - MINUTE));
    await startSession(id, new Date(now));
    const rows = await db.consoleSession.findMany({ where: { id: { in: [idle, old, live] } } });
    expect(rows.find((r) => r.id === idle)!.endedAt).not.toBeNull();
    expect(rows.find((r) => r.id === old)!.endedAt).not.toBeNull();
    expect(rows.find((r) => r.id === live)!.endedAt).toBeNull();
  });
});

describe("an RA manager sees live sessions and signs a user out everywhere", () => {
  it("lists each user's live sessions with start and last-seen times, never ended or expired ones, never the session ids", async () => {
    const id = await userId("auditor@ra.example");
    await db.consoleSession.updateMany({ where: { consoleUserId: id }, data: { endedAt: new Date() } });
    const first = await startSession(id, new Date(Date.now() - 10 * MINUTE));
    await startSession(id);
    const ended = await startSession(id);
    await db.consoleSession.update({ where: { id: ended }, data: { endedAt: new Date() } });
    await startSession(id, new Date(Date.now() - SESSION_IDLE_MS - MINUTE));

    await signInAs("manager@ra.example");
    const users = await consoleUsersWithSessions();
    const auditor = users.find((u) => u.email === "auditor@ra.example")!;
    expect(auditor.sessions).toHaveLength(2);
    expect(auditor.sessions[1]).toEqual({ startedAt: expect.any(Date), lastSeenAt: expect.any(Date) });
    const firstRow = await db.consoleSession.findUniqueOrThrow({ where: { id: first } });
    expect(auditor.sessions[1]!.startedAt).toEqual(firstRow.createdAt);
    expect(JSON.stringify(users)).not.toContain(first);
  });

  it("ends every session of the user at once, audited with the manager as actor", async () => {
    const id = await userId("agent-sussex@ra.example");
    const sessions = [await signInAs("agent-sussex@ra.example"), await signInAs("agent-sussex@ra.example")];
    await signInAs("manager@ra.example");
    const result = await signOutEverywhereAction({ id });
    expect(result).toEqual({ ok: true, value: expect.any(Number) });
    expect(result.ok && result.value).toBeGreaterThanOrEqual(2);
    for (const sid of sessions) expect(await actorForSession(sid)).toBeNull();
    expect(await openSessions(id)).toBe(0);
    const [event] = await db.auditEvent.findMany({ where: { action: "console_user.signed_out_everywhere" }, orderBy: { id: "desc" }, take: 1 });
    expect(event).toMatchObject({ actorEmail: "manager@ra.example", reason: expect.stringContaining("agent-sussex@ra.example") });
    expect(JSON.parse(event!.after!)).toEqual({ email: "agent-sussex@ra.example", liveSessions: 0 });
    // They can sign in again afterwards.
    expect(await actorForSession(await startSession(id))).toMatchObject({ id });
  });

  it.each([
    ["an RA agent", "agent@ra.example", "auditor@ra.example"],
    ["an auditor", "auditor@ra.example", "agent@ra.example"],
    ["a manager, for their own account", "manager@ra.example", "manager@ra.example"],
  ])("%s may not (403), and nothing is ended or written", async (_name, who, targetEmail) => {
    const target = await userId(targetEmail);
    const targetSession = await startSession(target);
    const events = await db.auditEvent.count({ where: { action: "console_user.signed_out_everywhere" } });
    await signInAs(who);
    await expect(signOutEverywhere({ id: target })).rejects.toMatchObject({ code: "forbidden", status: 403 });
    expect(await actorForSession(targetSession)).toMatchObject({ id: target });
    expect(await db.auditEvent.count({ where: { action: "console_user.signed_out_everywhere" } })).toBe(events);
  });

  it("another RA manager's sessions are not the manager's to end", async () => {
    const other = await db.consoleUser.create({ data: { email: "manager2@ra.example", name: "Second Manager", role: "ra_manager" } });
    const session = await startSession(other.id);
    await signInAs("manager@ra.example");
    await expect(signOutEverywhere({ id: other.id })).rejects.toMatchObject({ code: "forbidden" });
    expect(await actorForSession(session)).toMatchObject({ id: other.id });
  });

  it.each([
    ["no id", {}, 400],
    ["an id that is text", { id: "1" }, 400],
    ["an account that does not exist", { id: 999_999 }, 404],
  ])("%s is a %i", async (_name, input, status) => {
    await signInAs("manager@ra.example");
    await expect(signOutEverywhere(input)).rejects.toMatchObject({ status });
  });

  it("signed out, it is refused (401)", async () => {
    await expect(signOutEverywhere({ id: await userId("agent@ra.example") })).rejects.toMatchObject({ status: 401 });
  });
});
