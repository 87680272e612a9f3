// npm run bench:http — the console over HTTP, as deployed: the production build (`npm run build` first) served by
// scripts/server.mjs, against a throwaway database with the demo data and BENCH_EVENTS change-log rows.
// Interleaved rounds (every target once per round, so a slow moment hits all alike); medians over the rounds.
//   BENCH_DATABASE=sqlite|postgres (default sqlite)  BENCH_EVENTS=1000000  BENCH_ROUNDS=3  BENCH_SECONDS=5
//   BENCH_CONNECTIONS=8 (reads)  BENCH_MUTATION_CONNECTIONS=16 (audited role add/remove, one person each)
// The ceiling is a static file of the same build served by the same server: nothing is added to the app.
import { readdirSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { prepareBenchDatabase, bulkSmartcardId } from "./lib/bench-db";
import { benchEnv, signIn, startServer } from "./lib/console-server";
import { findTargets, runMutations } from "./lib/mutation-targets";

const provider = process.env.BENCH_DATABASE === "postgres" ? "postgres" : "sqlite";
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const MUTATION_CONNECTIONS = Number(process.env.BENCH_MUTATION_CONNECTIONS ?? 16);
const PORT = Number(process.env.BENCH_PORT ?? 3900);

type Target = {
  name: string;
  connections: number;
  path?: string;
  headers?: Record<string, string>;
  // A closed loop of its own instead of autocannon (audited changes carry the version the last answer gave).
  custom?: () => Promise<{ latencies: number[]; statuses: Record<string, number> }>;
};

function summarise(latencies: number[], statuses: Record<string, number>, extraErrors = 0): Sample {
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const errors = Object.values(statuses).reduce((a, b) => a + b, 0) + extraErrors;
  return { rps: latencies.length / SECONDS, p50: at(0.5), p95: at(0.95), errors, statuses };
}
type Sample = { rps: number; p50: number; p95: number; errors: number; statuses: Record<string, number> };

async function run(base: string, target: Target): Promise<Sample> {
  if (target.custom) {
    const { latencies, statuses } = await target.custom();
    return summarise(latencies, statuses);
  }
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const { connections, headers } = target;
    const instance = autocannon({ url: base + (target.path ?? "/"), connections, duration: SECONDS, headers }, (error, result) => {
      if (error) return reject(error);
      resolve(summarise(latencies, statuses, result.errors + result.timeouts));
    });
    instance.on("response", (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status >= 300) statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const env = benchEnv();
  const started = performance.now();
  const database = await prepareBenchDatabase(provider, EVENTS, env);
  console.log(`${provider}: ${EVENTS.toLocaleString()} change-log rows and the demo data ready in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const server = await startServer(PORT, { ...env, DATABASE_URL: database.url });
  try {
    const agent = await signIn(server.base, "advanced@ra.example");
    const auditor = await signIn(server.base, "auditor@ra.example");
    const chunk = readdirSync(path.join(".next", "static", "chunks")).find((f) => f.endsWith(".js"))!;
    const targets = await findTargets(server.base, agent, MUTATION_CONNECTIONS);
    const targetList: Target[] = [
      { name: "bare ceiling (static file)", connections: CONNECTIONS, path: `/_next/static/chunks/${chunk}` },
      { name: "GET /api/v1/people/555500000003", connections: CONNECTIONS, path: "/api/v1/people/555500000003", headers: { cookie: agent } },
      { name: "page /people/555500000003", connections: CONNECTIONS, path: "/people/555500000003", headers: { cookie: agent } },
      {
        name: `audit search (${EVENTS.toLocaleString()} events)`,
        connections: CONNECTIONS,
        path: `/api/v1/audit?smartcardId=${bulkSmartcardId(4242)}&limit=50`,
        headers: { cookie: auditor },
      },
      {
        name: `audited role add/remove (${targets.length} clients)`,
        connections: targets.length,
        custom: () => runMutations(server.base, agent, targets, SECONDS),
      },
    ];
    // One warm-up pass compiles and caches what the first requests would otherwise pay for.
    for (const target of targetList) if (!target.custom) await run(server.base, { ...target, connections: 2 });
    const samples = new Map<string, Sample[]>(targetList.map((t) => [t.name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const target of targetList) samples.get(target.name)!.push(await run(server.base, target));
      console.log(`round ${round}/${ROUNDS} done`);
    }
    const rows = targetList.map((t) => {
      const s = samples.get(t.name)!;
      return { name: t.name, rps: median(s.map((x) => x.rps)), p50: median(s.map((x) => x.p50)), p95: median(s.map((x) => x.p95)), errors: s.reduce((n, x) => n + x.errors, 0), statuses: s.map((x) => JSON.stringify(x.statuses)).filter((x) => x !== "{}") };
    });
    const bare = rows[0]!.rps;
    console.log(`\n${provider}, ${ROUNDS} rounds of ${SECONDS} s, medians (reads at ${CONNECTIONS} connections)\n`);
    console.log("| target | req/s | p50 ms | p95 ms | of bare | non-2xx |\n|---|---:|---:|---:|---:|---:|");
    for (const r of rows) {
      console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${((100 * r.rps) / bare).toFixed(1)}% | ${r.errors}${r.statuses.length ? ` ${r.statuses.join(" ")}` : ""} |`);
    }
  } finally {
    await server.stop();
    database.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
