import Link from "next/link";
import type { VerifyResult } from "@/lib/data/audit-verify";

export function ChainStatus({ result }: { result: VerifyResult | null }) {
  if (!result) {
    return (
      <section className="card" aria-labelledby="chain-heading">
        <h2 id="chain-heading" className="mb-2 text-xl font-bold">Tamper check</h2>
        <p className="mb-2">The log is large, so the full check runs on request.</p>
        <Link href="/audit?verify=full">Check the whole chain now</Link>
      </section>
    );
  }
  return (
    <section className={`card border-l-8 ${result.ok ? "border-l-nhs-green" : "border-l-nhs-red"}`} aria-labelledby="chain-heading">
      <h2 id="chain-heading" className="mb-2 text-xl font-bold">Tamper check</h2>
      {result.ok ? (
        <p>Intact: {result.checked.toLocaleString("en-GB")} events checked against their keyed hashes and the latest checkpoint.</p>
      ) : (
        <p>
          <strong>Broken at event {result.firstBadEventId}.</strong> {result.problem} {result.checked.toLocaleString("en-GB")} events before it check out.
        </p>
      )}
    </section>
  );
}
