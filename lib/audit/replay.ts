// Replays the change log and compares the result with the database: the active grants at every position,
// each person's profile version and each request's status must be exactly what the events say. The keyed
// chain proves the events were not edited; this proves the data was not changed beside them (a grant
// inserted straight into the database, a request closed by hand).
//
// What changes what:
// - grants: role.added / role.removed / role.expired, workgroup.added / workgroup.removed / workgroup.expired
//   (before/after: { roles, cervicalScreeningWorkgroup } for one smartcard ID at one ODS code; `after.endsAt`
//   on an add is the new grant's end date), role/workgroup.end_date_changed (before/after: { endsAt }),
//   role/workgroup.recertified (the grant must be held; before/after `endsAt` when it moves the end date);
// - person versions: each of those bumps the version by one;
// - requests: request.created (status new, version 1), request.updated and request.requester_replied
//   (before/after status, version + 1), request.identity_confirmed and request.split (version + 1);
//   request.note_added changes no request (notes are rows of their own);
// - the starting point: `seed.baseline` (lib/audit/baseline.ts). Events before any baseline come from
//   databases seeded before baselines existed: a position's first such event's `before` is taken as given.
// Every other action (change.proposed, security.*, console_user.*, …) changes none of these and is skipped;
// so are organisation.* (an organisation's workgroup, name, groups or closing): reference data about the
// organisation, not anyone's grants, versions or requests.
// A grant whose end date has begun no longer counts, whether or not the expiry run has ended it yet: the
// snapshots of events written meanwhile may leave it out, and the database may still have it open.
import { BASELINE_ACTION, parseBaseline } from "./baseline";

const REQUEST_ACTIONS = new Set(["request.created", "request.updated", "request.requester_replied", "request.identity_confirmed", "request.split"]);
import { formatSmartcardId } from "@/lib/domain/smartcard";

export type ReplayEvent = {
  id: number;
  occurredAt: Date;
  action: string;
  smartcardId: string | null;
  personName: string | null;
  odsCode: string | null;
  orgName: string | null;
  roleCode: string | null;
  before: string | null;
  after: string | null;
  requestId: string | null;
};

/** The database side, read in one transaction: active rows only for grants (endedAt null). */
export type DatabaseState = {
  positions: {
    smartcardId: string;
    personName: string;
    odsCode: string;
    orgName: string;
    roles: { roleCode: string; endsAt: Date | null }[];
    workgroups: { workgroup: string; endsAt: Date | null }[];
  }[];
  people: { smartcardId: string; name: string; version: number }[];
  requests: { id: string; reference: string; status: string; version: number }[];
};

export type Disagreement = { eventId: number | null; message: string };

export type ReplayReport = {
  ok: boolean;
  problem: Disagreement | null;
  disagreements: number;
  people: number;
  positions: number;
  requests: number;
};

const WORKGROUP = "cervicalscreening";
// A grant's key at a position: its role code, or this for the cervicalscreening workgroup.
const WG = "\u0000workgroup";

export const GRANT_ACTIONS = new Set(["role.added", "role.removed", "role.expired", "workgroup.added", "workgroup.removed", "workgroup.expired"]);
const END_DATE_ACTIONS = new Set(["role.end_date_changed", "workgroup.end_date_changed"]);
const RECERTIFY_ACTIONS = new Set(["role.recertified", "workgroup.recertified"]);

type Grant = { endsAt: string | null; since: number };
type PositionState = { smartcardId: string; odsCode: string; personName: string; orgName: string | null; grants: Map<string, Grant> };
type PersonState = { name: string; version: number; since: number };
type RequestState = { reference: string | null; status: string; version: number; since: number };
type Snapshot = { keys: Set<string>; endsAt: string | null };

class Disagree extends Error {}

const positionKey = (smartcardId: string, odsCode: string) => `${smartcardId}\u0000${odsCode}`;
const lapsed = (endsAt: string | null, at: Date) => endsAt !== null && Date.parse(endsAt) <= at.getTime();
const grantName = (key: string) => (key === WG ? "the cervicalscreening workgroup" : `job role ${key}`);
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const person = (name: string | null, smartcardId: string) => `${name ?? "Someone"} (${formatSmartcardId(smartcardId)})`;
const org = (odsCode: string, name: string | null) => (name ? `${odsCode} (${name})` : odsCode);
const grantList = (keys: Iterable<string>) => {
  const list = [...keys].sort((a, b) => (a === WG ? 1 : b === WG ? -1 : a.localeCompare(b))).map(grantName);
  return list.length ? list.join(", ") : "nothing";
};
const endDate = (iso: string | null) => (iso ? `an end date of ${iso}` : "no end date");

function parseSnapshot(json: string | null): Snapshot | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as { roles?: unknown; cervicalScreeningWorkgroup?: unknown; endsAt?: unknown };
    if (!Array.isArray(value.roles) || typeof value.cervicalScreeningWorkgroup !== "boolean") return null;
    const keys = new Set(value.roles.filter((r): r is string => typeof r === "string"));
    if (value.cervicalScreeningWorkgroup) keys.add(WG);
    return { keys, endsAt: typeof value.endsAt === "string" ? value.endsAt : null };
  } catch {
    return null;
  }
}

function parseJson(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export class StateReplay {
  private positions = new Map<string, PositionState>();
  private people = new Map<string, PersonState>();
  private requests = new Map<string, RequestState>();
  private baselineSeen = false;
  private baselineIds = new Set<number>();
  /** The first event that does not follow from the ones before it; replaying stops there. */
  problem: Disagreement | null = null;

  feed(e: ReplayEvent): void {
    if (this.problem) return;
    try {
      this.apply(e);
    } catch (error) {
      if (!(error instanceof Disagree)) throw error;
      this.problem = { eventId: e.id, message: error.message };
    }
  }

  private apply(e: ReplayEvent): void {
    if (e.action === BASELINE_ACTION) return this.applyBaseline(e);
    if (GRANT_ACTIONS.has(e.action)) return this.applyGrantChange(e);
    if (END_DATE_ACTIONS.has(e.action)) return this.applyEndDate(e);
    if (RECERTIFY_ACTIONS.has(e.action)) return this.applyEndDate(e);
    if (REQUEST_ACTIONS.has(e.action)) return this.applyRequest(e);
  }

  private applyBaseline(e: ReplayEvent): void {
    const baseline = parseBaseline(e.after);
    if (!baseline) throw new Disagree(`Event ${e.id} is a seed baseline that cannot be read.`);
    for (const p of baseline.people) {
      // Versions are counted from the baseline on (events before it may predate version counting).
      this.people.set(p.smartcardId, { name: p.name, version: p.version, since: e.id });
      for (const pos of p.positions) {
        const grants = new Map<string, Grant>();
        for (const code of pos.roles) grants.set(code, { endsAt: pos.roleEndsAt?.[code] ?? null, since: e.id });
        if (pos.cervicalScreeningWorkgroup) grants.set(WG, { endsAt: pos.workgroupEndsAt ?? null, since: e.id });
        const key = positionKey(p.smartcardId, pos.odsCode);
        const earlier = this.positions.get(key);
        if (earlier) {
          const live = (g: Map<string, Grant>) => [...g].filter(([, v]) => !lapsed(v.endsAt, e.occurredAt)).map(([k]) => k);
          const [was, now] = [live(earlier.grants).sort().join(","), live(grants).sort().join(",")];
          if (was !== now) {
            throw new Disagree(
              `The seed's baseline (event ${e.id}) gives ${person(p.name, p.smartcardId)} ${grantList(live(grants))} at ${pos.odsCode}, but the events before it give ${grantList(live(earlier.grants))}.`,
            );
          }
        }
        this.positions.set(key, { smartcardId: p.smartcardId, odsCode: pos.odsCode, personName: p.name, orgName: earlier?.orgName ?? null, grants });
      }
    }
    this.baselineSeen = true;
    this.baselineIds.add(e.id);
  }

  /** Where the log last set something, in words. */
  private source(since: number): string {
    return this.baselineIds.has(since) ? `the seed's baseline, event ${since}` : `event ${since}`;
  }

  private target(e: ReplayEvent): { position: PositionState | undefined; key: string } {
    if (!e.smartcardId || !e.odsCode) throw new Disagree(`Event ${e.id} (${e.action}) does not say whose grant it changed, or at which organisation.`);
    const key = e.action.startsWith("workgroup.") ? WG : e.roleCode;
    if (!key) throw new Disagree(`Event ${e.id} (${e.action}) does not say which job role it changed.`);
    return { position: this.positions.get(positionKey(e.smartcardId, e.odsCode)), key };
  }

  private bump(e: ReplayEvent): void {
    const known = this.people.get(e.smartcardId!);
    // Someone the log has not seen yet started at version 1 (as the seed creates everyone).
    this.people.set(e.smartcardId!, { name: e.personName ?? known?.name ?? "", version: (known?.version ?? 1) + 1, since: e.id });
  }

  private applyGrantChange(e: ReplayEvent): void {
    const { position: found, key: target } = this.target(e);
    const smartcardId = e.smartcardId!;
    const odsCode = e.odsCode!;
    const before = parseSnapshot(e.before);
    const after = parseSnapshot(e.after);
    if (!before || !after) throw new Disagree(`Event ${e.id} (${e.action}) has no readable before and after state.`);
    const who = person(e.personName, smartcardId);
    const where = org(odsCode, e.orgName);

    let position = found;
    if (!position) {
      // Before any baseline (a database seeded before baselines existed) the first event's `before` is the
      // starting point; after one, a position the baseline does not list started with nothing.
      const grants = new Map<string, Grant>();
      if (!this.baselineSeen) for (const k of before.keys) grants.set(k, { endsAt: null, since: e.id });
      position = { smartcardId, odsCode, personName: e.personName ?? "", orgName: e.orgName, grants };
      this.positions.set(positionKey(smartcardId, odsCode), position);
    }
    position.personName = e.personName ?? position.personName;
    position.orgName = e.orgName ?? position.orgName;

    // Every grant still counting must be in `before`; `before` may list nothing the log does not know of.
    for (const [k, g] of position.grants) {
      if (!before.keys.has(k) && !lapsed(g.endsAt, e.occurredAt)) {
        throw new Disagree(
          `Just before event ${e.id} (${e.action}), ${who} no longer held ${grantName(k)} at ${where}, which the change log says they held (since ${this.source(g.since)}): it was ended or removed without an event.`,
        );
      }
    }
    for (const k of before.keys) {
      if (!position.grants.has(k)) {
        throw new Disagree(
          `Just before event ${e.id} (${e.action}), ${who} held ${grantName(k)} at ${where}, which no event and no baseline records: it was added straight into the database.`,
        );
      }
    }

    const added = e.action.endsWith(".added");
    const next = new Map<string, Grant>();
    for (const k of after.keys) {
      if (added && k === target) next.set(k, { endsAt: after.endsAt, since: e.id });
      else next.set(k, position.grants.get(k) ?? { endsAt: null, since: e.id });
    }
    // A grant that has lapsed but was not ended yet stays until its own expiry event (or a re-grant) ends it.
    for (const [k, g] of position.grants) if (!next.has(k) && k !== target && lapsed(g.endsAt, e.occurredAt)) next.set(k, g);
    position.grants = next;
    this.bump(e);
  }

  /** An end date changed, or a grant re-certified (which may move or drop its end date too). */
  private applyEndDate(e: ReplayEvent): void {
    const { position, key } = this.target(e);
    const who = person(e.personName, e.smartcardId!);
    const where = org(e.odsCode!, e.orgName);
    const recertify = RECERTIFY_ACTIONS.has(e.action);
    const grant = position?.grants.get(key);
    if (!grant) {
      throw new Disagree(`Event ${e.id} ${recertify ? "re-certifies" : "changes the end date of"} ${grantName(key)} for ${who} at ${where}, which the change log says they do not hold.`);
    }
    const before = parseJson(e.before);
    const after = parseJson(e.after);
    if (!recertify && (!before || !after || !("endsAt" in after))) throw new Disagree(`Event ${e.id} (${e.action}) has no readable before and after end date.`);
    if (before && "endsAt" in before) {
      const was = typeof before.endsAt === "string" ? before.endsAt : null;
      if (was !== grant.endsAt) {
        throw new Disagree(
          `Just before event ${e.id}, ${grantName(key)} for ${who} at ${where} had ${endDate(was)}, but the change log gives ${endDate(grant.endsAt)} (since ${this.source(grant.since)}): the end date was changed without an event.`,
        );
      }
    }
    if (after && "endsAt" in after) position!.grants.set(key, { endsAt: typeof after.endsAt === "string" ? after.endsAt : null, since: e.id });
    this.bump(e);
  }

  private applyRequest(e: ReplayEvent): void {
    if (!e.requestId) throw new Disagree(`Event ${e.id} (${e.action}) does not say which request it is about.`);
    const known = this.requests.get(e.requestId);
    if (e.action === "request.created") {
      if (known) throw new Disagree(`Event ${e.id} creates request ${known.reference ?? e.requestId} a second time (first in event ${known.since}).`);
      const after = parseJson(e.after);
      const reference = typeof after?.reference === "string" ? after.reference : null;
      this.requests.set(e.requestId, { reference, status: typeof after?.status === "string" ? after.status : "new", version: 1, since: e.id });
      return;
    }
    if (!known) throw new Disagree(`Event ${e.id} (${e.action}) is about request ${e.requestId}, which no request.created event records.`);
    known.version += 1;
    if (e.action === "request.updated" || e.action === "request.requester_replied") {
      const before = parseJson(e.before);
      const after = parseJson(e.after);
      if (typeof before?.status !== "string" || typeof after?.status !== "string") throw new Disagree(`Event ${e.id} (${e.action}) has no readable before and after status.`);
      if (before.status !== known.status) {
        throw new Disagree(
          `Just before event ${e.id}, request ${known.reference ?? e.requestId} was "${before.status}", but the change log gives "${known.status}" (since event ${known.since}): its status was changed without an event.`,
        );
      }
      known.status = after.status;
    }
    known.since = e.id;
  }

  /** Compares the replayed state with the database at `now`; the first disagreement, and how many there are. */
  compare(db: DatabaseState, now: Date): ReplayReport {
    const found: Disagreement[] = [];
    // Found only at the end, so no event is to blame: the database was changed after the last event it mentions.
    const report = (message: string) => found.push({ eventId: null, message });
    const base = { people: db.people.length, positions: this.positions.size, requests: db.requests.length };
    if (this.problem) return { ok: false, problem: this.problem, disagreements: 1, ...base };

    // Grants, position by position.
    const seen = new Set<string>();
    const sorted = [...db.positions].sort((a, b) => a.smartcardId.localeCompare(b.smartcardId) || a.odsCode.localeCompare(b.odsCode));
    for (const p of sorted) {
      const key = positionKey(p.smartcardId, p.odsCode);
      seen.add(key);
      const who = person(p.personName, p.smartcardId);
      const where = org(p.odsCode, p.orgName);
      const held = new Map<string, string | null>();
      for (const r of p.roles) {
        if (held.has(r.roleCode)) report(`${who} has ${grantName(r.roleCode)} at ${where} twice in the database.`);
        held.set(r.roleCode, r.endsAt?.toISOString() ?? null);
      }
      for (const w of p.workgroups) {
        const k = w.workgroup === WORKGROUP ? WG : `workgroup ${w.workgroup}`;
        if (held.has(k)) report(`${who} has ${grantName(k)} at ${where} twice in the database.`);
        held.set(k, w.endsAt?.toISOString() ?? null);
      }
      const replayed = this.positions.get(key);
      if (!replayed) {
        if (held.size === 0) continue;
        report(
          this.baselineSeen
            ? `${who} holds ${grantList(held.keys())} at ${where} in the database, but no event and no baseline records it: it was added straight into the database.`
            : `${who} holds ${grantList(held.keys())} at ${where} in the database, and the change log has no baseline to account for grants without events: if this database was seeded before baselines existed, run \`npm run db:seed\` once to record one.`,
        );
        continue;
      }
      for (const [k, endsAt] of held) {
        const g = replayed.grants.get(k);
        if (!g) {
          report(`${who} holds ${grantName(k)} at ${where} in the database, but no event and no baseline records it: it was added straight into the database.`);
        } else if (g.endsAt !== endsAt) {
          report(`${capital(grantName(k))} for ${who} at ${where} has ${endDate(endsAt)} in the database, but the change log gives ${endDate(g.endsAt)} (${this.source(g.since)}): it was changed without an event.`);
        }
      }
      for (const [k, g] of replayed.grants) {
        if (!held.has(k) && !lapsed(g.endsAt, now)) {
          report(`The change log says ${who} holds ${grantName(k)} at ${where} (${this.source(g.since)}), but the database has no such active grant: it was ended or deleted without an event.`);
        }
      }
    }
    for (const [key, replayed] of this.positions) {
      if (seen.has(key)) continue;
      const live = [...replayed.grants].filter(([, g]) => !lapsed(g.endsAt, now)).map(([k]) => k);
      if (live.length) {
        report(
          `The change log says ${person(replayed.personName, replayed.smartcardId)} holds ${grantList(live)} at ${org(replayed.odsCode, replayed.orgName)}, but the database has no such position: it was deleted.`,
        );
      }
    }

    // Profile versions.
    const dbPeople = new Set<string>();
    for (const p of [...db.people].sort((a, b) => a.smartcardId.localeCompare(b.smartcardId))) {
      dbPeople.add(p.smartcardId);
      const replayed = this.people.get(p.smartcardId);
      // Someone the log never mentions: created at version 1 by the seed (unknown before any baseline).
      const expected = replayed?.version ?? (this.baselineSeen ? 1 : null);
      if (expected !== null && expected !== p.version) {
        report(
          `${person(p.name, p.smartcardId)} is at profile version ${p.version} in the database, but the change log gives version ${expected}${replayed ? ` (${this.source(replayed.since)})` : ""}: the profile was changed without an event.`,
        );
      }
    }
    for (const [smartcardId, replayed] of this.people) {
      if (!dbPeople.has(smartcardId)) report(`The change log has ${person(replayed.name, smartcardId)}, but the database has no such person: the profile was deleted.`);
    }

    // Requests.
    const dbRequests = new Set<string>();
    for (const r of [...db.requests].sort((a, b) => a.reference.localeCompare(b.reference))) {
      dbRequests.add(r.id);
      const replayed = this.requests.get(r.id);
      if (!replayed) {
        report(`Request ${r.reference} is in the database, but no event records it being received: it was added straight into the database.`);
      } else if (replayed.status !== r.status) {
        report(`Request ${r.reference} is "${r.status}" in the database, but the change log says "${replayed.status}" (event ${replayed.since}): its status was changed without an event.`);
      } else if (replayed.version !== r.version) {
        report(`Request ${r.reference} is at version ${r.version} in the database, but the change log gives ${replayed.version} (event ${replayed.since}): it was changed without an event.`);
      }
    }
    for (const [id, replayed] of this.requests) {
      if (!dbRequests.has(id)) report(`The change log has request ${replayed.reference ?? id} (event ${replayed.since}), but the database does not: it was deleted.`);
    }

    return { ok: found.length === 0, problem: found[0] ?? null, disagreements: found.length, ...base };
  }
}
