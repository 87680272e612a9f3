import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Checkpoints live outside the database (AUDIT_CHECKPOINT_FILE), one JSON line per checkpoint, so that
// someone who can edit the database cannot also rewrite what the chain heads used to be. Each line is
// signed with AUDIT_CHECKPOINT_KEY (HMAC-SHA256), a key that is neither the chain's AUDIT_HMAC_KEY nor in
// the database: whoever can edit the file cannot rewrite a line, or add one, without it.

/** Where one hash chain ended: how many rows it had, and the id and hash of the newest. */
export type ChainHead = { count: number; lastId: number; lastHash: string };
/** Both chains: the change log's at the top level (as in the older, unsigned lines), the access log's under `access`. */
export type Head = ChainHead & { access: ChainHead };
export type Checkpoint = Head & { v: 2; at: string; sig: string };
export type NumberedCheckpoint = Checkpoint & { line: number };

export type CheckpointFile = {
  /** Non-blank lines in the file. */
  lines: number;
  /** Signed lines whose signature checks out, in file order. */
  signed: NumberedCheckpoint[];
  /** Unsigned lines before the first signed one (written before checkpoints were signed): not trusted, not used. */
  unsignedLegacy: number;
  /** The first line that is wrong: unreadable, unsigned after a signed one, or not matching its signature. */
  problem: { line: number | null; message: string } | null;
};

/** Automatic checkpoints: when either head passes a multiple of this many rows… */
export const CHECKPOINT_EVERY_EVENTS = 100;
/** …or this long after the last checkpoint, as long as something was written since. */
export const CHECKPOINT_EVERY_MS = 10 * 60_000;

export function checkpointFile(): string {
  return process.env.AUDIT_CHECKPOINT_FILE ?? path.join("data", "audit-checkpoints.jsonl");
}

/** Why checkpoints cannot be signed or checked here, or null when the key is usable. */
export function checkpointKeyProblem(): string | null {
  const key = process.env.AUDIT_CHECKPOINT_KEY;
  if (!key) return "AUDIT_CHECKPOINT_KEY is not set";
  if (key === process.env.AUDIT_HMAC_KEY) return "AUDIT_CHECKPOINT_KEY is the same as AUDIT_HMAC_KEY; it must be a key of its own";
  return null;
}

function signature(c: Omit<Checkpoint, "sig">, key: string): string {
  const canonical = JSON.stringify([
    "ra-console audit checkpoint",
    c.v,
    c.at,
    c.count,
    c.lastId,
    c.lastHash,
    c.access.count,
    c.access.lastId,
    c.access.lastHash,
  ]);
  return createHmac("sha256", key).update(canonical).digest("hex");
}

const isHead = (value: unknown): value is ChainHead => {
  const h = value as ChainHead | null;
  return !!h && typeof h === "object" && Number.isInteger(h.count) && Number.isInteger(h.lastId) && typeof h.lastHash === "string";
};

function isSignedShape(value: Record<string, unknown>): value is Checkpoint {
  return value.v === 2 && typeof value.at === "string" && typeof value.sig === "string" && isHead(value as unknown) && isHead(value.access);
}

function sameSignature(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a, "utf8"), Buffer.from(b, "utf8")];
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Reads and checks every line. Lines before the first signed one are older, unsigned checkpoints: they are
 * counted but never trusted. After a signed line every line must be signed, and every signature must match.
 */
export function readCheckpoints(file = checkpointFile()): CheckpointFile {
  const result: CheckpointFile = { lines: 0, signed: [], unsignedLegacy: 0, problem: null };
  if (!existsSync(file)) return result;
  const keyProblem = checkpointKeyProblem();
  const key = process.env.AUDIT_CHECKPOINT_KEY ?? "";
  const physical = readFileSync(file, "utf8").split("\n");
  for (let i = 0; i < physical.length; i++) {
    const text = physical[i]!.trim();
    if (!text) continue;
    const line = i + 1;
    result.lines++;
    let value: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
      value = parsed as Record<string, unknown>;
    } catch {
      result.problem = { line, message: `Line ${line} of the checkpoint file is not a checkpoint (it is not a JSON object).` };
      return result;
    }
    if (value.sig === undefined) {
      if (result.signed.length > 0) {
        result.problem = {
          line,
          message: `Line ${line} of the checkpoint file is not signed, although line ${result.signed[0]!.line} before it is: it was added or rewritten without the checkpoint key.`,
        };
        return result;
      }
      result.unsignedLegacy++;
      continue;
    }
    if (keyProblem) {
      result.problem = { line, message: `Line ${line} of the checkpoint file is signed, but ${keyProblem}: the checkpoints cannot be checked.` };
      return result;
    }
    if (!isSignedShape(value) || !sameSignature(signature(value, key), value.sig)) {
      result.problem = {
        line,
        message: `Line ${line} of the checkpoint file does not match its signature: it was changed, or written without the checkpoint key.`,
      };
      return result;
    }
    const { v, at, count, lastId, lastHash, access, sig } = value;
    result.signed.push({ v, at, count, lastId, lastHash, access: { count: access.count, lastId: access.lastId, lastHash: access.lastHash }, sig, line });
  }
  return result;
}

/** The newest trusted checkpoint (furthest along the change log), or null; a bad line in the file throws. */
export function latestCheckpoint(file = checkpointFile()): Checkpoint | null {
  const { signed, problem } = readCheckpoints(file);
  if (problem) throw new Error(problem.message);
  const newest = signed.reduce<NumberedCheckpoint | null>((best, c) => (!best || c.lastId >= best.lastId ? c : best), null);
  if (!newest) return null;
  const { v, at, count, lastId, lastHash, access, sig } = newest;
  return { v, at, count, lastId, lastHash, access, sig };
}

/** Appends a signed checkpoint of the given heads; throws when AUDIT_CHECKPOINT_KEY is missing or unusable. */
export function appendCheckpoint(head: Head, file = checkpointFile()): Checkpoint {
  const keyProblem = checkpointKeyProblem();
  if (keyProblem) throw new Error(`${keyProblem}: run \`npm run setup\` on a new machine, or set it (see .env.example)`);
  const body = {
    v: 2 as const,
    at: new Date().toISOString(),
    count: head.count,
    lastId: head.lastId,
    lastHash: head.lastHash,
    access: { count: head.access.count, lastId: head.access.lastId, lastHash: head.access.lastHash },
  };
  const checkpoint: Checkpoint = { ...body, sig: signature(body, process.env.AUDIT_CHECKPOINT_KEY!) };
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  return checkpoint;
}

/** Where the file's last line says the heads were, and when: enough to decide whether the next one is due. */
export type CheckpointMark = { auditId: number; accessId: number; atMs: number };

export function lastCheckpointMark(file = checkpointFile()): CheckpointMark | null {
  if (!existsSync(file)) return null;
  const last = readFileSync(file, "utf8").trim().split("\n").at(-1);
  if (!last) return null;
  try {
    const value = JSON.parse(last) as Partial<Checkpoint>;
    const atMs = Date.parse(String(value.at));
    if (value.sig === undefined || !Number.isInteger(value.lastId) || !Number.isInteger(value.access?.lastId) || Number.isNaN(atMs)) return null;
    return { auditId: value.lastId!, accessId: value.access!.lastId, atMs };
  } catch {
    return null;
  }
}

/**
 * Whether a checkpoint is due: something was written since the last one, and either head passed a multiple
 * of CHECKPOINT_EVERY_EVENTS or the last one is CHECKPOINT_EVERY_MS old. With none yet, the first write makes one.
 */
export function checkpointDue(last: CheckpointMark | null, heads: { auditId: number; accessId: number }, nowMs: number): boolean {
  const moved = heads.auditId !== (last?.auditId ?? 0) || heads.accessId !== (last?.accessId ?? 0);
  if (!moved) return false;
  if (!last) return true;
  const step = (id: number) => Math.floor(id / CHECKPOINT_EVERY_EVENTS);
  if (step(heads.auditId) > step(last.auditId) || step(heads.accessId) > step(last.accessId)) return true;
  return nowMs - last.atMs >= CHECKPOINT_EVERY_MS;
}
