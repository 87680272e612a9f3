// The bulk target of `npm run bench`: a 1,000-row file (990 good rows, 10 bad) dry-run and applied on the
// generated database through the real session-free service, by an RA manager read from the database.
// Checks what it times: the dry run writes nothing, the apply writes one audit event per applied row, and a
// second apply writes none.
import type { ConsoleActor, ConsoleRole } from "../lib/auth/rules";

// Bench people: p holds R8001 (R0001 when p % 7 == 0) at B(1 + p % 5000); the workgroup when p % 3 != 0; a
// second position when p % 10 == 0. People with p % 3 == 0, p % 7 != 0, p % 10 != 0 hold one CSMS role and no
// workgroup: adding R8010, then the workgroup, needs no warning and no second person.
const smartcard = (p: number) => `7777${String(p).padStart(8, "0")}`;
const practice = (p: number) => `B${String(1 + (p % 5000)).padStart(5, "0")}`;
const OUT_OF_SCOPE = "B05000";

function bulkFile(people: number): string {
  const good: string[] = [];
  for (let p = 3; good.length < 990 && p <= people; p += 3) {
    if (p % 7 === 0 || p % 10 === 0 || practice(p) === OUT_OF_SCOPE) continue;
    good.push(`${smartcard(p)},${practice(p)},add,R8010,PCN onboarding,`, `${smartcard(p)},${practice(p)},add,cervicalscreening,PCN onboarding,`);
  }
  if (good.length < 990) throw new Error("not enough bench people for the bulk file");
  const someone = 3;
  const bad = [
    `999900000001,${practice(someone)},add,R8010,Starter,`,
    `${smartcard(someone)},Z99999,add,R8010,Starter,`,
    `${smartcard(someone)},${OUT_OF_SCOPE},add,R8010,Starter,`,
    `${smartcard(someone)},${practice(someone + 1)},add,R8010,Starter,`,
    `${smartcard(someone)},${practice(someone)},add,R0001,Starter,`,
    `${smartcard(someone)},${practice(someone)},add,R7777,Starter,`,
    `${smartcard(someone)},${practice(someone)},grant,R8010,Starter,`,
    `1234,${practice(someone)},add,R8010,Starter,`,
    `${smartcard(someone)},${practice(someone)},add,R8010,Starter,31/12/2027`,
    `${smartcard(someone)},${practice(someone)},add`,
  ];
  const rows = good.slice(0, 990).flatMap((line, i) => (i % 99 === 98 ? [line, bad[Math.floor(i / 99)]!] : [line]));
  return ["smartcard_id,ods_code,action,role,reason,end_date", ...rows].join("\r\n") + "\r\n";
}

export async function benchBulk(people: number): Promise<{ dryRunS: number; applyS: number; reapplyS: number }> {
  const { db } = await import("../lib/data/db");
  const { applyBulk, dryRunBulk, newBatchId, readBulkFile } = await import("../lib/services/bulk");
  // An RA manager acting for every practice but one, read from the database as a request would read it.
  const manager = await db.consoleUser.create({ data: { email: "manager@ra.example", name: "Bench Manager", role: "ra_manager" } });
  const practices = await db.organisation.findMany({ where: { kind: "gp_practice", odsCode: { not: OUT_OF_SCOPE } }, select: { id: true } });
  await db.consoleUserOrganisation.createMany({ data: practices.map((o) => ({ consoleUserId: manager.id, organisationId: o.id })) });
  const user = await db.consoleUser.findUniqueOrThrow({ where: { id: manager.id }, include: { organisations: { select: { organisation: { select: { odsCode: true } } } } } });
  const actor: ConsoleActor = { id: user.id, email: user.email, name: user.name, role: user.role as ConsoleRole, odsCodes: user.organisations.map((l) => l.organisation.odsCode), ownSmartcardId: null };

  const csv = bulkFile(people);
  const events = () => db.auditEvent.count();
  const seconds = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;
  const count = (rows: { status: string }[], status: string) => rows.filter((r) => r.status === status).length;

  const start = await events();
  let t = process.hrtime.bigint();
  const planned = await dryRunBulk(actor, readBulkFile(csv));
  const dryRunS = seconds(t);
  if (count(planned, "change") !== 990 || count(planned, "error") !== 10) throw new Error(`dry run: expected 990 changes and 10 errors, got ${count(planned, "change")} and ${count(planned, "error")}`);
  if ((await events()) !== start) throw new Error("the dry run wrote audit events");

  t = process.hrtime.bigint();
  const applied = await applyBulk(actor, readBulkFile(csv), { id: newBatchId() });
  const applyS = seconds(t);
  if (count(applied, "applied") !== 990 || count(applied, "error") !== 10) throw new Error(`apply: expected 990 applied and 10 errors, got ${count(applied, "applied")} and ${count(applied, "error")}`);
  if ((await events()) !== start + 990) throw new Error(`apply: expected 990 audit events, got ${(await events()) - start}`);

  t = process.hrtime.bigint();
  const again = await applyBulk(actor, readBulkFile(csv), { id: newBatchId() });
  const reapplyS = seconds(t);
  if (count(again, "no_change") !== 990 || (await events()) !== start + 990) throw new Error("a second apply changed something");
  return { dryRunS, applyS, reapplyS };
}
