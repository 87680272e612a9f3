import { afterEach, describe, expect, it, vi } from "vitest";
import { recordSecurityEvent } from "@/lib/data/audited";
import { listAuditEvents, streamAuditEvents } from "@/lib/data/audit";
import { db } from "@/lib/data/db";

const actor = { id: null, email: "clock@ra.example" };

async function eventAt(iso: string, reason: string) {
  vi.setSystemTime(new Date(iso));
  await recordSecurityEvent(actor, { action: "security.sign_in_failed", reason });
}

describe("dates in the change log", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("never run backwards along the chain, even when the clock does", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    await eventAt("2030-03-10T12:00:00Z", "before the clock jumps back");
    await eventAt("2030-03-10T11:00:00Z", "after the clock jumps back");
    const [earlier, later] = await db.auditEvent.findMany({ where: { actorEmail: actor.email }, orderBy: { id: "asc" } });
    expect(later!.occurredAt.getTime()).toBe(earlier!.occurredAt.getTime());
  });

  it("a date range returns exactly the events of those days, on pages and in exports", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const days = ["2031-01-01", "2031-01-02", "2031-01-03", "2031-01-04"];
    for (const day of days) {
      for (const hour of ["00:00:00", "12:00:00", "23:59:59"]) await eventAt(`${day}T${hour}Z`, `${day} ${hour}`);
    }
    vi.useRealTimers();
    const filter = { actor: actor.email, from: new Date("2031-01-02T00:00:00Z"), to: new Date("2031-01-03T23:59:59.999Z"), limit: 2 };
    const seen: string[] = [];
    let cursor: number | undefined;
    do {
      const page = await listAuditEvents({ ...filter, cursor });
      seen.push(...page.events.map((e) => e.reason!));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const expected = ["2031-01-03 23:59:59", "2031-01-03 12:00:00", "2031-01-03 00:00:00", "2031-01-02 23:59:59", "2031-01-02 12:00:00", "2031-01-02 00:00:00"];
    expect(seen).toEqual(expected);
    const exported: string[] = [];
    for await (const e of streamAuditEvents({ actor: actor.email, from: filter.from, to: filter.to }, 2)) exported.push(e.reason!);
    expect(exported).toEqual(expected);
  });

  it("a range with no events is empty, before, between or after", async () => {
    for (const [from, to] of [
      ["1999-01-01T00:00:00Z", "1999-01-02T00:00:00Z"],
      ["2030-06-01T00:00:00Z", "2030-07-01T00:00:00Z"],
      ["2099-01-01T00:00:00Z", "2099-01-02T00:00:00Z"],
    ]) {
      expect((await listAuditEvents({ from: new Date(from!), to: new Date(to!) })).events).toEqual([]);
    }
    expect((await listAuditEvents({ from: new Date("2099-01-01T00:00:00Z") })).events).toEqual([]);
    expect((await listAuditEvents({ to: new Date("1999-01-01T00:00:00Z") })).events).toEqual([]);
  });
});

describe("filtering by request", () => {
  it("accepts the reference people see as well as the id", async () => {
    const { createRequest, requestReferences } = await import("@/lib/data/requests");
    const request = await createRequest({ id: null, email: "ref@nhs.example", name: "Ref" }, { source: "form", name: "Ref", email: "ref@nhs.example", odsCode: null, smartcardId: null, message: "help", category: "unclear" }, null, { routed: true, orgName: null });
    const byId = await listAuditEvents({ requestId: request.id });
    const byReference = await listAuditEvents({ requestId: request.reference.toLowerCase() });
    expect(byId.events.map((e) => e.id)).toHaveLength(1);
    expect(byReference.events.map((e) => e.id)).toEqual(byId.events.map((e) => e.id));
    expect(await requestReferences([request.id, null, "unknown"])).toEqual({ [request.id]: request.reference });
  });
});
