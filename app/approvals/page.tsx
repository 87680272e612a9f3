import type { Metadata } from "next";
import Link from "next/link";
import { DecideForm } from "@/components/approvals/decide-form";
import { authorisePage } from "@/lib/auth/authorise";
import { listPendingChanges } from "@/lib/data/pending-changes";
import { formatSmartcardId } from "@/lib/domain/smartcard";
import { ukDate } from "@/lib/format";

export const metadata: Metadata = { title: "Asked-for changes" };

const kindText: Record<string, string> = {
  "workgroup.add": "Add the cervicalscreening workgroup",
  "workgroup.remove": "Remove the cervicalscreening workgroup",
};

export default async function ApprovalsPage() {
  const actor = await authorisePage({ kind: "change:queue" }, "/approvals");
  const pending = await listPendingChanges(actor.odsCodes);

  return (
    <>
      <h1 className="mb-2 text-3xl font-bold">Asked-for changes</h1>
      <p className="mb-6 max-w-3xl">
        Workgroup changes that RA agents asked for at your organisations, oldest first. Applying one makes the change in your name through the same
        checks as any change; someone else must decide on a change you asked for yourself.
      </p>
      {pending.length === 0 ? (
        <p className="card">Nothing is waiting.</p>
      ) : (
        <ul>
          {pending.map((c) => (
            <li key={c.id} className="card" data-testid="pending-change">
              <h2 className="mb-1 text-xl font-bold">
                {kindText[c.kind] ?? c.kind} at {c.odsCode}
              </h2>
              <p className="mb-1">
                For <Link href={`/people/${c.smartcardId}`}>{formatSmartcardId(c.smartcardId)}</Link>, asked by {c.proposedBy.name} on {ukDate(c.createdAt)}.
              </p>
              <p className="mb-3">Why: {c.reason}</p>
              {c.proposedBy.id === actor.id ? (
                <p className="text-nhs-grey">You asked for this: another advanced RA agent or RA manager must decide.</p>
              ) : (
                <DecideForm id={c.id} label={`${c.kind === "workgroup.add" ? "add" : "remove"} workgroup at ${c.odsCode}`} />
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
