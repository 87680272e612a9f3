import type { Metadata } from "next";
import Link from "next/link";
import { DecideForm } from "@/components/approvals/decide-form";
import { FlashProvider } from "@/components/people/flash";
import { authorisePage } from "@/lib/auth/authorise";
import { pageMetadata } from "@/lib/auth/page-metadata";
import { formatSmartcardId } from "@/lib/domain/smartcard";
import { UkDate } from "@/components/ui/uk-time";
import { loadApprovals } from "@/lib/services/approvals";

export const generateMetadata = (): Promise<Metadata> => pageMetadata({ kind: "change:queue" }, "Approvals");

const kindText: Record<string, string> = {
  "role.add": "Add job role",
  "role.remove": "Remove job role",
  "workgroup.add": "Add the cervicalscreening workgroup",
  "workgroup.remove": "Remove the cervicalscreening workgroup",
};

export default async function ApprovalsPage() {
  const actor = await authorisePage({ kind: "change:queue" }, "/approvals");
  const { pending } = await loadApprovals(actor);

  return (
    <>
      <h1 className="mb-2 text-3xl font-bold">Approvals</h1>
      <p className="mb-6 max-w-3xl">
        Changes at your organisations that need a second person, oldest first. Approving makes the change in your name through the same checks as any
        change, against the profile as it was proposed: if the profile has changed since, reject it and propose again. A change you proposed is
        decided by someone else. Changes not decided within 7 days expire.
      </p>
      {/* A decision's outcome is said here, above the list it leaves. */}
      <FlashProvider>
        {pending.length === 0 ? (
          <p className="card">Nothing is waiting for approval.</p>
        ) : (
          <ul>
            {pending.map((c) => (
              <li key={c.id} className="card" data-testid="pending-change">
                <h2 className="mb-1 text-xl font-bold">
                  {kindText[c.kind] ?? c.kind}
                  {c.roleCode ? ` ${c.roleCode}` : ""} at {c.odsCode}
                </h2>
                <p className="mb-1">
                  For <Link href={`/people/${c.smartcardId}`}>{formatSmartcardId(c.smartcardId)}</Link>, proposed by {c.proposedBy.name} on <UkDate at={c.createdAt} />
                  {c.expiresAt && <>; expires <UkDate at={c.expiresAt} /></>}.
                </p>
                <p className="mb-1">Reason: {c.reason}</p>
                {c.endsAt && <p className="mb-1">Ends on <UkDate at={c.endsAt} />.</p>}
                {c.justification && <p className="mb-1">IG justification: {c.justification}</p>}
                <p className="mb-3">Needs a second person because {c.why.join("; ")}.</p>
                {c.mine ? (
                  <p className="text-nhs-grey">You proposed this: another advanced RA agent or RA manager must decide.</p>
                ) : (
                  <DecideForm id={c.id} label={`${kindText[c.kind] ?? c.kind}${c.roleCode ? ` ${c.roleCode}` : ""} at ${c.odsCode} for ${formatSmartcardId(c.smartcardId)}`} askJustification={c.justification === null && c.why.length > 0} />
                )}
              </li>
            ))}
          </ul>
        )}
      </FlashProvider>
    </>
  );
}
