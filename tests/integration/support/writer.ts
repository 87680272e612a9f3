// A second process appending to the change log (run by concurrency.test.ts): `tsx --conditions=react-server
// tests/integration/support/writer.ts COUNT`, with the test file's DATABASE_URL and AUDIT_HMAC_KEY.
import { recordSecurityEvent } from "../../../lib/data/audited";
import { db } from "../../../lib/data/db";

const count = Number(process.argv[2] ?? 50);
await Promise.all(
  Array.from({ length: count }, (_, i) => recordSecurityEvent({ id: null, email: "other-process@ra.example" }, { action: "security.sign_in_failed", reason: `from process ${process.pid}, ${i}` })),
);
await db.$disconnect();
// The console's checkpoint timer would keep the process alive.
process.exit(0);
