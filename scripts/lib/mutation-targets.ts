// Audited changes a benchmark can repeat for ever: add a role to a person, remove it again. Each target is one
// person at one organisation, so clients working on different targets never conflict on a version.
import { getPerson } from "./console-server";

// CSMS roles tried where a person lacks them; only a grant the verdict needs goes through without an IG warning.
const CANDIDATE_ROLES = ["R8001", "R8010"];

export type Target = { smartcardId: string; odsCode: string; roleCode: string; version: number; granted?: boolean };

const demoSmartcardId = (n: number) => `5555${String(n).padStart(8, "0")}`;

async function change(base: string, cookie: string, method: "POST" | "DELETE", t: Target): Promise<Response> {
  const pathname = method === "POST" ? `/api/v1/people/${t.smartcardId}/roles` : `/api/v1/people/${t.smartcardId}/roles/${t.odsCode}/${t.roleCode}`;
  const body = method === "POST" ? { odsCode: t.odsCode, roleCode: t.roleCode, reason: "Benchmark", version: t.version } : { reason: "Benchmark", version: t.version };
  return fetch(`${base}${pathname}`, { method, headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** Demo people on whom adding a role and removing it again both go straight through for this officer (tried once each). */
export async function findTargets(base: string, cookie: string, max: number): Promise<Target[]> {
  const targets: Target[] = [];
  const refused: string[] = [];
  for (let n = 2; n <= 40 && targets.length < max; n++) {
    const smartcardId = demoSmartcardId(n);
    const person = await getPerson(base, cookie, smartcardId).catch(() => null);
    const tries = (person?.positions ?? []).flatMap((p) => CANDIDATE_ROLES.filter((r) => !p.roles.includes(r)).map((roleCode) => ({ odsCode: p.odsCode, roleCode })));
    for (const { odsCode, roleCode } of tries) {
      const target = { smartcardId, odsCode, roleCode, version: person!.version };
      const added = await change(base, cookie, "POST", target);
      if (added.status !== 200) {
        refused.push(`${added.status} ${(await added.text()).slice(0, 120)}`);
        continue;
      }
      target.version = ((await added.json()) as { version: number }).version;
      const removed = await change(base, cookie, "DELETE", target);
      if (removed.status !== 200) throw new Error(`Could not undo the benchmark's role on ${smartcardId}: ${removed.status}`);
      target.version = ((await removed.json()) as { version: number }).version;
      targets.push(target);
      break;
    }
  }
  if (targets.length === 0) throw new Error(`No demo person takes a role straight away: ${refused.slice(0, 3).join("; ")}`);
  return targets;
}

/**
 * Reads every target's version and grant afresh: when a run stops, autocannon drops the answers still in flight,
 * so a change may have been made without the client hearing of it.
 */
export async function syncTargets(base: string, cookie: string, targets: Target[]): Promise<void> {
  for (const t of targets) {
    const person = await getPerson(base, cookie, t.smartcardId);
    t.version = person.version;
    t.granted = person.positions.some((p) => p.odsCode === t.odsCode && p.roles.includes(t.roleCode));
  }
}

/**
 * One closed-loop client per target for `seconds`: add the role if it is not there, else remove it, each with the
 * version the previous answer gave. Returns every request's latency (ms) and the statuses that were not 200.
 */
export async function runMutations(base: string, cookie: string, targets: Target[], seconds: number) {
  await syncTargets(base, cookie, targets);
  const headers = { cookie, "content-type": "application/json" };
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    targets.map(async (t) => {
      while (performance.now() < until) {
        const body = JSON.stringify({ odsCode: t.odsCode, roleCode: t.roleCode, reason: "Benchmark", version: t.version });
        const url = t.granted ? `${base}/api/v1/people/${t.smartcardId}/roles/${t.odsCode}/${t.roleCode}` : `${base}/api/v1/people/${t.smartcardId}/roles`;
        const started = performance.now();
        const response = await fetch(url, { method: t.granted ? "DELETE" : "POST", headers, body });
        const text = await response.text();
        latencies.push(performance.now() - started);
        if (response.status === 200) {
          t.version = (JSON.parse(text) as { version: number }).version;
          t.granted = !t.granted;
        } else {
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          await syncTargets(base, cookie, [t]);
        }
      }
    }),
  );
  return { latencies, statuses };
}
