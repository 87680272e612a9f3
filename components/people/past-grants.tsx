import type { PastGrant } from "@/lib/data/people";
import { UkDate } from "@/components/ui/uk-time";


/** Ended job roles and workgroup memberships, with who gave and ended them and why. */
export function PastGrants({ grants }: { grants: PastGrant[] }) {
  return (
    <section aria-labelledby="past-grants-heading" className="card">
      <h2 id="past-grants-heading" className="mb-3 text-xl font-bold">Ended grants</h2>
      {grants.length === 0 ? (
        <p>No job role or workgroup of this person has ended.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Ended job roles and workgroup memberships, most recently ended first</caption>
          <thead>
            <tr>
              <th scope="col">Grant</th>
              <th scope="col">Organisation</th>
              <th scope="col">Given</th>
              <th scope="col">Ended</th>
            </tr>
          </thead>
          <tbody>
            {grants.map((g) => (
              <tr key={`${g.kind}-${g.odsCode}-${g.roleCode ?? ""}-${g.endedAt.getTime()}`}>
                <td data-label="Grant">{g.kind === "role" ? `${g.roleCode} ${g.roleName ?? ""}` : "cervicalscreening workgroup"}</td>
                <td data-label="Organisation">
                  <span className="font-mono">{g.odsCode}</span> {g.orgName}
                </td>
                <td data-label="Given">
                  <UkDate at={g.startedAt} />
                  {g.grantedBy && ` by ${g.grantedBy}`}
                  <span className="block wrap-anywhere text-sm text-nhs-grey">{g.grantReason}</span>
                </td>
                <td data-label="Ended">
                  <UkDate at={g.endedAt} />
                  {g.endedBy && ` by ${g.endedBy}`}
                  {g.endReason && <span className="block wrap-anywhere text-sm text-nhs-grey">{g.endReason}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
