// npm run audit:verify      walks the change log's hash chain and compares it with the latest checkpoint
// npm run audit:checkpoint  appends the current chain head to AUDIT_CHECKPOINT_FILE (outside the database)
import { appendCheckpoint, checkpointFile, latestCheckpoint } from "../lib/audit/checkpoint";
import { auditChainHead, verifyAuditChain } from "../lib/data/audit-verify";
import { db } from "../lib/data/db";

async function main(command: string | undefined) {
  if (command === "checkpoint") {
    const checkpoint = appendCheckpoint(await auditChainHead());
    console.log(`Checkpoint written to ${checkpointFile()}: ${checkpoint.count} events, last ${checkpoint.lastId} at ${checkpoint.at}`);
    return 0;
  }
  if (command === "verify") {
    const result = await verifyAuditChain(latestCheckpoint());
    console.log(JSON.stringify(result));
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
