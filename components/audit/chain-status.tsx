import Link from "next/link";
import type { AuditTrailResult } from "@/lib/data/audit-verify";

const n = (value: number) => value.toLocaleString("en-GB");

export function ChainStatus({ result }: { result: AuditTrailResult | null }) {
  if (!result) {
    return (
      <section className="card" aria-labelledby="chain-heading">
        <h2 id="chain-heading" className="mb-2 text-xl font-bold">Tamper check</h2>
        <p className="mb-2">The log is large, so the full check runs on request.</p>
        <Link href="/audit?verify=full">Check the whole chain now</Link>
      </section>
    );
  }
  const { checkpoints, accessLog, state } = result;
  return (
    <section className={`card border-l-8 ${result.ok ? "border-l-nhs-green" : "border-l-nhs-red"}`} aria-labelledby="chain-heading">
      <h2 id="chain-heading" className="mb-2 text-xl font-bold">Tamper check</h2>
      {result.ok ? (
        <p>
          Intact: {n(result.checked)} events checked against their keyed hashes
          {checkpoints.latest ? ` and ${n(checkpoints.signed)} signed checkpoints (the newest at ${checkpoints.latest.at})` : ""};{" "}
          {n(accessLog.checked)} profile views checked; the active grants, profile versions of {n(state.people)} people and{" "}
          {n(state.requests)} requests match what the change log replays to.
        </p>
      ) : (
        <p>
          <strong>{result.firstBadEventId ? `Broken at event ${result.firstBadEventId}.` : "Broken."}</strong> {result.problem}
          {result.chain.ok ? "" : ` ${n(result.chain.checked)} events before it check out.`}
          {state.disagreements > 1 ? ` ${n(state.disagreements - 1)} more disagreements between the change log and the database.` : ""}
        </p>
      )}
      {result.warnings.length > 0 && (
        <ul className="mt-2 list-disc pl-6">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
