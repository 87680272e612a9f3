import Link from "next/link";
import { ukDate } from "@/lib/dates";
import { UkDate } from "@/components/ui/uk-time";

type Pending = { id: string; kind: string; odsCode: string; roleCode: string | null; reason: string; createdAt: Date; expiresAt: Date | null; proposedBy: { name: string } };

const kindText: Record<string, string> = {
  "role.add": "Add job role",
  "role.remove": "Remove job role",
  "workgroup.add": "Add the cervicalscreening workgroup",
  "workgroup.remove": "Remove the cervicalscreening workgroup",
};

/** Changes to this profile waiting for a second person: they are not made until approved. */
export function PendingChanges({ pending, canDecide }: { pending: Pending[]; canDecide: boolean }) {
  if (pending.length === 0) return null;
  return (
    <section aria-labelledby="pending-heading" className="card border-l-8 border-l-nhs-warm-yellow">
      <h2 id="pending-heading" className="mb-2 text-xl font-bold">Waiting for approval</h2>
      <ul className="mb-2">
        {pending.map((c) => (
          <li key={c.id} className="mb-2" data-testid="profile-pending-change">
            <span className="font-bold">
              {kindText[c.kind] ?? c.kind}
              {c.roleCode ? ` ${c.roleCode}` : ""} at {c.odsCode}
            </span>{" "}
            — proposed by {c.proposedBy.name} on <UkDate at={c.createdAt} />
            {c.expiresAt && `, expires ${ukDate(c.expiresAt)}`}. {c.reason}
          </li>
        ))}
      </ul>
      {canDecide && <Link href="/approvals">Decide in Approvals</Link>}
    </section>
  );
}
