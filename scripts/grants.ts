// npm run grants:expire   ends grants whose end date has begun, and pending changes undecided for 7 days.
// Idempotent: safe from cron every few minutes. The verdict never waits for it.
import { expireDueGrants } from "../lib/data/grant-expiry";
import { runScript } from "./run-script";

async function main(command: string | undefined) {
  if (command !== "expire") {
    console.error("Usage: tsx scripts/grants.ts expire");
    return 2;
  }
  const { grants, pendingChanges } = await expireDueGrants(new Date());
  console.log(`Expired ${grants} grant${grants === 1 ? "" : "s"} and ${pendingChanges} pending change${pendingChanges === 1 ? "" : "s"}.`);
  return 0;
}

runScript(main);
