import "server-only";
import {
  appendCheckpoint,
  checkpointDue,
  checkpointFile,
  checkpointKeyProblem,
  CHECKPOINT_EVERY_MS,
  lastCheckpointMark,
  type CheckpointMark,
} from "./checkpoint";
import { auditChainHead, chainHeadIds } from "@/lib/data/audit-verify";

// Automatic checkpoints, so that deleting the newest events is detectable without anyone scheduling one:
// after a change or a profile view commits, a signed checkpoint is appended when either log's newest id
// passed a multiple of 100 or the last checkpoint is 10 minutes old (and something was written since).
// A timer covers the tail: once writes stop, the last ones get a checkpoint within 10 minutes. It runs
// outside the transaction and never fails the change: a checkpoint that cannot be written is logged.
// Several processes each keep their own mark; extra checkpoints are harmless.

let mark: { file: string; value: CheckpointMark | null } | null = null;
let queue: Promise<void> = Promise.resolve();
let timer: ReturnType<typeof setTimeout> | null = null;
let warnedNoKey = false;

async function checkpointIfDue(): Promise<void> {
  const keyProblem = checkpointKeyProblem();
  if (keyProblem) {
    if (!warnedNoKey) console.warn(`Audit checkpoints are off: ${keyProblem} (see README, "Audit tools").`);
    warnedNoKey = true;
    return;
  }
  const file = checkpointFile();
  if (mark?.file !== file) mark = { file, value: lastCheckpointMark(file) };
  const heads = await chainHeadIds();
  if (!checkpointDue(mark.value, heads, Date.now())) {
    // Not due yet, but written since the last checkpoint: make sure one follows even if writes stop here.
    const last = mark.value;
    if (last && (heads.auditId !== last.auditId || heads.accessId !== last.accessId) && !timer) {
      timer = setTimeout(
        () => {
          timer = null;
          void checkpointAfterWrite();
        },
        Math.max(1000, last.atMs + CHECKPOINT_EVERY_MS - Date.now()),
      );
      timer.unref?.();
    }
    return;
  }
  const checkpoint = appendCheckpoint(await auditChainHead(), file);
  mark = { file, value: { auditId: checkpoint.lastId, accessId: checkpoint.access.lastId, atMs: Date.parse(checkpoint.at) } };
  if (timer) clearTimeout(timer);
  timer = null;
}

/** Called after an audited write commits; resolves once any due checkpoint is written. Never rejects. */
export function checkpointAfterWrite(): Promise<void> {
  queue = queue.then(checkpointIfDue).catch((error: unknown) => {
    console.error(`Audit checkpoint not written to ${checkpointFile()}: ${error instanceof Error ? error.message : String(error)}`);
  });
  return queue;
}

/** Forgets what this process knows of the checkpoint file (tests switch files, or rewrite one). */
export function resetCheckpointMark(): void {
  mark = null;
  if (timer) clearTimeout(timer);
  timer = null;
}
