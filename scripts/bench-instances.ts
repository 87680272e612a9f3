// npm run bench:instances — the multi-instance acceptance run: two `npm start` servers (the production build) on
// one throwaway PostgreSQL, CLIENTS clients spread over both making CHANGES audited role changes, some clients
// sharing a person so version conflicts really happen. Then: changes == audit events, the chain and the whole
// trail verify (npm run audit:verify), no duplicate active grant, every version accounted for. Exit 1 if not.
//   BENCH_CHANGES=2000  BENCH_CLIENTS=16  BENCH_PORT=3910 (and the next port)
import { execFileSync } from "node:child_process";
import pg from "pg";
import { prepareBenchDatabase } from "./lib/bench-db";
import { benchEnv, getPerson, signIn, startServer, type Server } from "./lib/console-server";
import { findTargets, type Target } from "./lib/mutation-targets";

const CHANGES = Number(process.env.BENCH_CHANGES ?? 2000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const PORT = Number(process.env.BENCH_PORT ?? 3910);

type Tally = { changes: number; conflicts: number; failures: Map<number, number>; perTarget: Map<string, number> };

async function client(base: string, cookie: string, target: Target, tally: Tally) {
  const headers = { cookie, "content-type": "application/json" };
  let person = await getPerson(base, cookie, target.smartcardId);
  while (tally.changes < CHANGES) {
    const has = person.positions.find((p) => p.odsCode === target.odsCode)?.roles.includes(target.roleCode) ?? false;
    const url = has ? `${base}/api/v1/people/${target.smartcardId}/roles/${target.odsCode}/${target.roleCode}` : `${base}/api/v1/people/${target.smartcardId}/roles`;
    const body = has ? { reason: "Acceptance run", version: person.version } : { odsCode: target.odsCode, roleCode: target.roleCode, reason: "Acceptance run", version: person.version };
    const response = await fetch(url, { method: has ? "DELETE" : "POST", headers, body: JSON.stringify(body) });
    if (response.status === 200) {
      tally.changes++;
      tally.perTarget.set(target.smartcardId, (tally.perTarget.get(target.smartcardId) ?? 0) + 1);
      person = (await response.json()) as typeof person;
      continue;
    }
    await response.arrayBuffer();
    // Someone else changed the person first (or, for a stale view, the grant is already there or gone): re-read.
    if (response.status === 409 || response.status === 404) tally.conflicts++;
    else tally.failures.set(response.status, (tally.failures.get(response.status) ?? 0) + 1);
    person = await getPerson(base, cookie, target.smartcardId);
  }
}

async function main() {
  const env = benchEnv();
  const database = await prepareBenchDatabase("postgres", 0, env);
  const servers: Server[] = [];
  const sql = new pg.Client({ connectionString: database.url });
  let ok = false;
  try {
    for (const port of [PORT, PORT + 1]) servers.push(await startServer(port, { ...env, DATABASE_URL: database.url }));
    // One sign-in, used on both instances: sessions live in the database, not in an instance.
    const cookie = await signIn(servers[0]!.base, "advanced@ra.example");
    const targets = await findTargets(servers[0]!.base, cookie, Math.max(1, Math.ceil((CLIENTS * 3) / 4)));
    await sql.connect();
    const startId = Number((await sql.query(`SELECT coalesce(max(id), 0) AS id FROM "AuditEvent"`)).rows[0].id);
    const versionsBefore = new Map(targets.map((t) => [t.smartcardId, t.version]));
    const tally: Tally = { changes: 0, conflicts: 0, failures: new Map(), perTarget: new Map() };
    const started = performance.now();
    // Client i works on target i mod T through instance i mod 2: a quarter of the clients share a person with another.
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(servers[i % 2]!.base, cookie, targets[i % targets.length]!, tally)));
    const seconds = (performance.now() - started) / 1000;

    const events = Number(
      (await sql.query(`SELECT count(*) AS n FROM "AuditEvent" WHERE id > $1 AND action IN ('role.added', 'role.removed')`, [startId])).rows[0].n,
    );
    const duplicates = Number(
      (await sql.query(`SELECT count(*) AS n FROM (SELECT 1 FROM "RoleAssignment" WHERE "endedAt" IS NULL GROUP BY "positionId", "roleCode" HAVING count(*) > 1) d`)).rows[0].n,
    );
    const versions = await sql.query(`SELECT "smartcardId", version FROM "Person" WHERE "smartcardId" = ANY($1)`, [targets.map((t) => t.smartcardId)]);
    const lost = versions.rows.filter((r) => r.version !== versionsBefore.get(r.smartcardId)! + (tally.perTarget.get(r.smartcardId) ?? 0));
    let verify = "";
    let verified = true;
    try {
      verify = execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/audit.ts", "verify"], { env: { ...env, DATABASE_URL: database.url }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      verified = false;
      verify = String((error as { stdout?: string }).stdout ?? error);
    }
    const failures = [...tally.failures].map(([status, n]) => `${n}× ${status}`).join(", ") || "none";
    console.log(
      `Two instances, ${CLIENTS} clients on ${targets.length} people: ${tally.changes} audited changes in ${seconds.toFixed(1)} s ` +
        `(${(tally.changes / seconds).toFixed(0)} changes/s); ${tally.conflicts} version conflicts answered 409; other failures: ${failures}.`,
    );
    console.log(`Audit events for them: ${events}; duplicate active grants: ${duplicates}; people whose version does not add up: ${lost.length}.`);
    console.log(`npm run audit:verify: ${verified ? "intact" : "FAILED"} ${verify.trim().slice(0, 300)}`);
    ok = events === tally.changes && duplicates === 0 && lost.length === 0 && verified && tally.failures.size === 0;
    console.log(ok ? "ACCEPTED" : "NOT ACCEPTED");
  } finally {
    await sql.end().catch(() => undefined);
    for (const server of servers) await server.stop();
    database.stop();
  }
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
