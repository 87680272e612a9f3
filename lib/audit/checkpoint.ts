import "server-only";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Checkpoints live outside the database (AUDIT_CHECKPOINT_FILE), one JSON line per checkpoint, so that
// someone who can edit the database cannot also rewrite what the chain head used to be.
export type Checkpoint = { count: number; lastId: number; lastHash: string; at: string };

export function checkpointFile(): string {
  return process.env.AUDIT_CHECKPOINT_FILE ?? path.join("data", "audit-checkpoints.jsonl");
}

export function latestCheckpoint(file = checkpointFile()): Checkpoint | null {
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, "utf8").trim().split("\n").filter(Boolean);
  const last = lines.at(-1);
  if (!last) return null;
  const value = JSON.parse(last) as Checkpoint;
  if (typeof value.count !== "number" || typeof value.lastId !== "number" || typeof value.lastHash !== "string") {
    throw new Error(`The last line of ${file} is not a checkpoint`);
  }
  return value;
}

export function appendCheckpoint(head: Omit<Checkpoint, "at">, file = checkpointFile()): Checkpoint {
  const checkpoint = { ...head, at: new Date().toISOString() };
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  return checkpoint;
}
