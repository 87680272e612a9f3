import "server-only";
import { db } from "./db";
import { accessLogHash, chainHash, GENESIS_HASH } from "./audit-chain";
import {
  checkpointFile,
  checkpointKeyProblem,
  CHECKPOINT_EVERY_MS,
  readCheckpoints,
  type Checkpoint,
  type Head,
  type NumberedCheckpoint,
} from "@/lib/audit/checkpoint";
import { StateReplay, type DatabaseState } from "@/lib/audit/replay";

export type VerifyResult = { ok: boolean; checked: number; firstBadEventId: string | null; problem: string | null };

/** Everything `audit:verify`, GET /api/v1/audit/verify and /audit report. The first four fields sum it up. */
export type AuditTrailResult = VerifyResult & {
  /** The change log's own chain: edits and removals in the middle. */
  chain: VerifyResult;
  /** The signed checkpoint file, and the chains compared with every signed line (removed newest rows). */
  checkpoints: {
    ok: boolean;
    lines: number;
    signed: number;
    unsignedLegacy: number;
    latest: { at: string; lastId: number; accessLastId: number } | null;
    problem: string | null;
  };
  /** The profile access log's chain. */
  accessLog: { ok: boolean; checked: number; legacy: number; firstBadEntryId: string | null; problem: string | null };
  /** The change log replayed against the database: active grants, profile versions, request states. */
  state: {
    ok: boolean;
    checked: boolean;
    people: number;
    positions: number;
    requests: number;
    disagreements: number;
    firstBadEventId: string | null;
    problem: string | null;
  };
  /** What the check could not cover (no checkpoint key, unsigned old lines, legacy access-log rows). */
  warnings: string[];
};

const BATCH = 5000;

type ChainRow = Awaited<ReturnType<typeof db.auditEvent.findFirstOrThrow>>;
type Bad = { id: number; problem: string };

/** Walks the change log in id order from where it stopped last time, so it can be resumed as the log grows. */
class AuditChainWalk {
  prevHash = GENESIS_HASH;
  checked = 0;
  lastId = 0;
  bad: Bad | null = null;
  /** For ids some checkpoint names: the hash there and how many events the walk had seen up to it. */
  readonly at = new Map<number, { hash: string; count: number }>();

  constructor(
    private readonly watch: Set<number>,
    private readonly onEvent: (event: ChainRow) => void = () => undefined,
  ) {}

  async advance(): Promise<void> {
    while (!this.bad) {
      const batch = await db.auditEvent.findMany({ where: { id: { gt: this.lastId } }, orderBy: { id: "asc" }, take: BATCH });
      for (const event of batch) {
        if (event.prevHash !== this.prevHash) {
          this.bad = { id: event.id, problem: "The event does not follow on from the one before it: an event was removed or changed." };
          return;
        }
        if (chainHash(this.prevHash, event) !== event.hash) {
          this.bad = { id: event.id, problem: "The event's contents do not match its hash: it was edited." };
          return;
        }
        this.prevHash = event.hash;
        this.checked++;
        this.lastId = event.id;
        if (this.watch.has(event.id)) this.at.set(event.id, { hash: event.hash, count: this.checked });
        this.onEvent(event);
      }
      if (batch.length < BATCH) return;
    }
  }
}

/** The same for the profile access log; rows with an empty hash before the first chained one are legacy. */
class AccessLogWalk {
  prevHash = GENESIS_HASH;
  checked = 0;
  legacy = 0;
  lastId = 0;
  bad: Bad | null = null;
  readonly at = new Map<number, { hash: string; count: number }>();

  constructor(private readonly watch: Set<number>) {}

  async advance(): Promise<void> {
    while (!this.bad) {
      const batch = await db.accessLogEntry.findMany({ where: { id: { gt: this.lastId } }, orderBy: { id: "asc" }, take: BATCH });
      for (const row of batch) {
        if (row.hash === "" && this.checked === 0) {
          this.legacy++;
        } else if (row.hash === "") {
          this.bad = { id: row.id, problem: "The profile view has no hash although the views before it are chained: it was added or changed outside the console." };
          return;
        } else if (row.prevHash !== this.prevHash) {
          this.bad = { id: row.id, problem: "The profile view does not follow on from the one before it: a view was removed or changed." };
          return;
        } else if (accessLogHash(this.prevHash, row) !== row.hash) {
          this.bad = { id: row.id, problem: "The profile view's contents do not match its hash: it was edited." };
          return;
        } else {
          this.prevHash = row.hash;
          this.checked++;
        }
        this.lastId = row.id;
        if (this.watch.has(row.id)) this.at.set(row.id, { hash: row.hash, count: this.checked + this.legacy });
      }
      if (batch.length < BATCH) return;
    }
  }
}

type Mark = { id: number; hash: string; count: number; at: string; line: number | null };

/** The first checkpoint the walked chain contradicts: the newest rows were deleted, or replaced. */
function checkAgainst(marks: Mark[], walk: { at: Map<number, { hash: string; count: number }>; lastId: number }, what: string): Bad | null {
  for (const m of [...marks].sort((a, b) => a.id - b.id)) {
    if (m.id === 0) continue;
    const reached = walk.at.get(m.id);
    const where = m.line ? ` (line ${m.line})` : "";
    if (!reached || reached.count < m.count) {
      const end = walk.lastId ? `ends at ${what} ${walk.lastId}` : "is empty";
      return { id: m.id, problem: `The log ${end}, before the checkpoint of ${m.at}${where}: ${m.count} ${what}s up to ${what} ${m.id}. ${what[0]!.toUpperCase()}${what.slice(1)}s were deleted.` };
    }
    if (reached.hash !== m.hash) {
      return { id: m.id, problem: `The ${what} at the checkpoint of ${m.at}${where} differs from the one recorded then: it was replaced.` };
    }
  }
  return null;
}

/**
 * Walks the whole chain in id order, recomputing each keyed hash. An edited row, a row removed from the
 * middle or a re-chained forgery without the key all break it; removing the newest rows is caught
 * against a checkpoint written outside the database.
 */
export async function verifyAuditChain(checkpoint: Checkpoint | null): Promise<VerifyResult> {
  const walk = new AuditChainWalk(new Set(checkpoint ? [checkpoint.lastId] : []));
  await walk.advance();
  if (walk.bad) return { ok: false, checked: walk.checked, firstBadEventId: String(walk.bad.id), problem: walk.bad.problem };
  if (checkpoint) {
    const bad = checkAgainst([{ id: checkpoint.lastId, hash: checkpoint.lastHash, count: checkpoint.count, at: checkpoint.at, line: null }], walk, "event");
    if (bad) return { ok: false, checked: walk.checked, firstBadEventId: String(bad.id), problem: bad.problem };
  }
  return { ok: true, checked: walk.checked, firstBadEventId: null, problem: null };
}

/** Both chain heads as they are now, read together, for a checkpoint. */
export async function auditChainHead(): Promise<Head> {
  const [count, last, accessCount, accessLast] = await db.$transaction([
    db.auditEvent.count(),
    db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } }),
    db.accessLogEntry.count(),
    db.accessLogEntry.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } }),
  ]);
  return {
    count,
    lastId: last?.id ?? 0,
    lastHash: last?.hash ?? GENESIS_HASH,
    access: { count: accessCount, lastId: accessLast?.id ?? 0, lastHash: accessLast?.hash ?? GENESIS_HASH },
  };
}

/** The newest ids only: the cheap check behind automatic checkpoints. */
export async function chainHeadIds(): Promise<{ auditId: number; accessId: number }> {
  // Asked after every write (is a checkpoint due?): one plain statement, two primary-key look-ups.
  const [heads] = await db.$queryRaw<{ auditId: number | bigint | null; accessId: number | bigint | null }[]>`
    SELECT (SELECT MAX("id") FROM "AuditEvent") AS "auditId", (SELECT MAX("id") FROM "AccessLogEntry") AS "accessId"`;
  return { auditId: Number(heads?.auditId ?? 0), accessId: Number(heads?.accessId ?? 0) };
}

/** The state the change log must replay to, read in one transaction with the newest event id. */
async function readDatabaseState(): Promise<{ headId: number; state: DatabaseState }> {
  const [head, positions, people, requests] = await db.$transaction([
    db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }),
    db.position.findMany({
      select: {
        person: { select: { smartcardId: true, name: true } },
        organisation: { select: { odsCode: true, name: true } },
        roles: { where: { endedAt: null }, select: { roleCode: true, endsAt: true } },
        workgroups: { where: { endedAt: null }, select: { workgroup: true, endsAt: true } },
      },
    }),
    db.person.findMany({ select: { smartcardId: true, name: true, version: true } }),
    db.accessRequest.findMany({ select: { id: true, reference: true, status: true, version: true } }),
  ]);
  return {
    headId: head?.id ?? 0,
    state: {
      positions: positions.map((p) => ({
        smartcardId: p.person.smartcardId,
        personName: p.person.name,
        odsCode: p.organisation.odsCode,
        orgName: p.organisation.name,
        roles: p.roles,
        workgroups: p.workgroups,
      })),
      people,
      requests,
    },
  };
}

// Read through a function: the walk changes `bad` while it advances, which narrowing cannot see.
const brokenAt = (walk: { bad: Bad | null }): Bad | null => walk.bad;

const markOf = (c: NumberedCheckpoint, access: boolean): Mark =>
  access
    ? { id: c.access.lastId, hash: c.access.lastHash, count: c.access.count, at: c.at, line: c.line }
    : { id: c.lastId, hash: c.lastHash, count: c.count, at: c.at, line: c.line };

/**
 * The whole tamper check: the change log's chain, the access log's chain, both against every signed
 * checkpoint, and the change log replayed against the database's grants, versions and requests.
 */
export async function verifyAuditTrail(file = checkpointFile()): Promise<AuditTrailResult> {
  const warnings: string[] = [];
  const cpFile = readCheckpoints(file);
  const signed = cpFile.signed;
  const keyProblem = checkpointKeyProblem();
  if (keyProblem && !cpFile.problem) warnings.push(`${keyProblem}: no checkpoints are written or checked, so deleting the newest events or profile views cannot be detected.`);
  if (cpFile.unsignedLegacy > 0) {
    warnings.push(`${cpFile.unsignedLegacy} unsigned line(s) at the start of the checkpoint file were written before checkpoints were signed: they are not trusted and not used.`);
  }

  const replay = new StateReplay();
  const chain = new AuditChainWalk(new Set(signed.map((c) => c.lastId)), (e) => replay.feed(e));
  const access = new AccessLogWalk(new Set(signed.map((c) => c.access.lastId)));
  await chain.advance();
  await access.advance();

  // The database state and the log must be read as of the same moment: if events were added while the
  // log was walked, walk on to them and read again.
  let state: AuditTrailResult["state"] = { ok: false, checked: false, people: 0, positions: 0, requests: 0, disagreements: 0, firstBadEventId: null, problem: null };
  if (chain.bad) {
    state.problem = `Not compared: the change log's chain is broken at event ${chain.bad.id}.`;
  } else {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { headId, state: dbState } = await readDatabaseState();
      if (headId > chain.lastId && attempt < 4) {
        await chain.advance();
        if (brokenAt(chain)) break;
        continue;
      }
      const report = replay.compare(dbState, new Date());
      state = {
        ok: report.ok,
        checked: true,
        people: report.people,
        positions: report.positions,
        requests: report.requests,
        disagreements: report.disagreements,
        firstBadEventId: report.problem?.eventId ? String(report.problem.eventId) : null,
        problem: report.problem?.message ?? null,
      };
      break;
    }
    const bad = brokenAt(chain);
    if (bad) state = { ...state, ok: false, checked: false, problem: `Not compared: the change log's chain is broken at event ${bad.id}.` };
  }

  const chainResult: VerifyResult = chain.bad
    ? { ok: false, checked: chain.checked, firstBadEventId: String(chain.bad.id), problem: chain.bad.problem }
    : { ok: true, checked: chain.checked, firstBadEventId: null, problem: null };

  // Checkpoints: a bad line in the file, else the first one either chain contradicts.
  const newest = signed.reduce<NumberedCheckpoint | null>((best, c) => (!best || c.lastId >= best.lastId ? c : best), null);
  let checkpointProblem = cpFile.problem?.message ?? null;
  let checkpointBadEvent: string | null = null;
  if (!checkpointProblem && !chain.bad) {
    const bad = checkAgainst(signed.map((c) => markOf(c, false)), chain, "event");
    if (bad) [checkpointProblem, checkpointBadEvent] = [bad.problem, String(bad.id)];
  }
  let accessProblem = access.bad?.problem ?? null;
  let accessBadId = access.bad ? String(access.bad.id) : null;
  if (!access.bad && !cpFile.problem) {
    const bad = checkAgainst(signed.map((c) => markOf(c, true)), access, "profile view");
    if (bad) [accessProblem, accessBadId] = [bad.problem, String(bad.id)];
  }
  if (!keyProblem && !cpFile.problem) {
    if (!newest && chain.checked > 0) warnings.push("There is no signed checkpoint yet: one is written automatically with the next change.");
    // Checkpoints follow writes within CHECKPOINT_EVERY_MS; a much older newest one means they stopped (see the server log).
    if (newest && newest.lastId < chain.lastId && Date.now() - Date.parse(newest.at) > 2 * CHECKPOINT_EVERY_MS) {
      warnings.push(`The newest checkpoint (${newest.at}) is more than ${(2 * CHECKPOINT_EVERY_MS) / 60_000} minutes old and ${chain.lastId - newest.lastId} events are newer: check that checkpoints are being written.`);
    }
  }
  if (access.legacy > 0) warnings.push(`${access.legacy} profile view(s) were logged before the access log was chained: they are kept but cannot be checked.`);

  const checkpoints: AuditTrailResult["checkpoints"] = {
    ok: checkpointProblem === null,
    lines: cpFile.lines,
    signed: signed.length,
    unsignedLegacy: cpFile.unsignedLegacy,
    latest: newest ? { at: newest.at, lastId: newest.lastId, accessLastId: newest.access.lastId } : null,
    problem: checkpointProblem,
  };
  const accessLog: AuditTrailResult["accessLog"] = {
    ok: accessProblem === null,
    checked: access.checked,
    legacy: access.legacy,
    firstBadEntryId: accessBadId,
    problem: accessProblem,
  };

  // The summary: the first thing wrong, in this order.
  let first: { id: string | null; problem: string | null } | null = null;
  if (!chainResult.ok) first = { id: chainResult.firstBadEventId, problem: chainResult.problem };
  else if (!checkpoints.ok) first = { id: checkpointBadEvent, problem: checkpoints.problem };
  else if (!accessLog.ok) first = { id: null, problem: `Profile access log, view ${accessLog.firstBadEntryId}: ${accessLog.problem}` };
  else if (!state.ok) first = { id: state.firstBadEventId, problem: state.problem };
  return {
    ok: !first,
    checked: chain.checked,
    firstBadEventId: first ? first.id : null,
    problem: first ? first.problem : null,
    chain: chainResult,
    checkpoints,
    accessLog,
    state,
    warnings,
  };
}
