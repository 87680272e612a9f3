import Link from "next/link";
import { ageText, slaState, type SlaState } from "@/lib/domain/sla";
import { requestStatusNames } from "@/lib/validations/request";

export const categoryNames: Record<string, string> = {
  permissions: "Permissions",
  smartcard_locked: "Smartcard locked or passcode",
  no_care_id: "No Care ID",
  technical: "Technical problem",
  unclear: "Unclear",
};

const slaStyle: Record<SlaState, { label: string; className: string }> = {
  on_time: { label: "On time", className: "bg-nhs-green text-white" },
  amber: { label: "Amber: 2+ working days", className: "bg-nhs-warm-yellow text-nhs-black" },
  red: { label: "Red: 5+ working days", className: "bg-nhs-red text-white" },
  paused: { label: "Paused: waiting for requester", className: "bg-nhs-pale-grey text-nhs-black border border-nhs-grey" },
  closed: { label: "Closed", className: "bg-nhs-grey text-white" },
};

export function SlaBadge({ createdAt, status, now, pausedSeconds = 0 }: { createdAt: Date; status: string; now: Date; pausedSeconds?: number }) {
  const { label, className } = slaStyle[slaState(createdAt, now, status, pausedSeconds)];
  return <span className={`inline-block rounded px-2 py-0.5 text-sm font-bold ${className}`}>{label}</span>;
}

type Row = {
  request: {
    id: string;
    reference: string;
    createdAt: Date;
    status: string;
    name: string;
    odsCode: string | null;
    assignedTo: { name: string } | null;
    slaPausedSeconds: number;
  };
  diagnosis: { summary: string; identity: { state: string; fields: string[]; confirmed: boolean } };
  category: string;
};

export function InboxTable({ rows, now }: { rows: Row[]; now: Date }) {
  if (rows.length === 0) return <p>No requests match.</p>;
  return (
    <table className="table">
      <caption className="sr-only">Requests, oldest first</caption>
      <thead>
        <tr>
          <th scope="col">Request</th>
          <th scope="col">Waiting</th>
          <th scope="col">From</th>
          <th scope="col">Organisation</th>
          <th scope="col">Category</th>
          <th scope="col">Diagnosis</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ request, diagnosis, category }) => (
          <tr key={request.id}>
            <td data-label="Request">
              <Link href={`/requests/${request.id}`}>{request.reference}</Link>
            </td>
            <td data-label="Waiting">
              {ageText(request.createdAt, now)}
              <span className="mt-1 block"><SlaBadge createdAt={request.createdAt} status={request.status} now={now} pausedSeconds={request.slaPausedSeconds} /></span>
            </td>
            <td data-label="From" className="wrap-anywhere">
              {request.name}
              <IdentityNote identity={diagnosis.identity} />
            </td>
            <td data-label="Organisation">{request.odsCode ?? "Not given"}</td>
            <td data-label="Category">{categoryNames[category] ?? category}</td>
            <td data-label="Diagnosis">{diagnosis.summary}</td>
            <td data-label="Status">
              {requestStatusNames[request.status as keyof typeof requestStatusNames] ?? request.status}
              {request.assignedTo && <span className="block text-sm text-nhs-grey">{request.assignedTo.name}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The identity match in a few words, so a mismatch is seen before the request is opened. */
function IdentityNote({ identity }: { identity: Row["diagnosis"]["identity"] }) {
  if (identity.state === "no_profile") return null;
  const text =
    identity.state === "match"
      ? "Matches the profile"
      : identity.confirmed
        ? "Identity confirmed by the RA"
        : identity.state === "no_profile_email"
          ? "Not checked: profile has no email"
          : `Does not match the profile (${identity.fields.join(", ")})`;
  const warn = identity.state !== "match" && !identity.confirmed;
  return <span className={`mt-1 block text-sm ${warn ? "font-bold text-nhs-red" : "text-nhs-grey"}`} data-testid="identity-note">{text}</span>;
}
