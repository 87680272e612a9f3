// npm run audit:verify      the whole tamper check: the change log's and the access log's hash chains, every
//                           signed checkpoint, and the change log replayed against the database; exit 1 if anything is wrong
// npm run audit:checkpoint  appends a signed checkpoint of both chain heads to AUDIT_CHECKPOINT_FILE (outside the
//                           database); the console also writes them by itself (every 100 rows, every 10 minutes)
import { appendCheckpoint, checkpointFile } from "../lib/audit/checkpoint";
import { auditChainHead, verifyAuditTrail } from "../lib/data/audit-verify";
import { db } from "../lib/data/db";

async function main(command: string | undefined) {
  if (command === "checkpoint") {
    const checkpoint = appendCheckpoint(await auditChainHead());
    console.log(
      `Signed checkpoint written to ${checkpointFile()}: ${checkpoint.count} events, last ${checkpoint.lastId}; ` +
        `${checkpoint.access.count} profile views, last ${checkpoint.access.lastId}; at ${checkpoint.at}`,
    );
    return 0;
  }
  if (command === "verify") {
    const result = await verifyAuditTrail();
    console.log(JSON.stringify(result));
    // The verdict in plain words on stderr, so stdout stays one JSON document for scripts.
    console.error(result.ok ? `Intact: ${result.checked} events, ${result.accessLog.checked} profile views, state matches the log.` : `TAMPERING DETECTED: ${result.problem}`);
    for (const warning of result.warnings) console.error(`Warning: ${warning}`);
    return result.ok ? 0 : 1;
  }
  console.error("Usage: tsx scripts/audit.ts verify|checkpoint");
  return 2;
}

main(process.argv[2])
  .then(async (code) => {
    await db.$disconnect();
    process.exit(code);
  })
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
