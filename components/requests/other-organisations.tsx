import type { OtherOrganisation } from "@/lib/domain/other-organisations";

const STATE_TEXT: Record<OtherOrganisation["state"], string> = {
  can_log_in: "CSMS already lets them in here",
  missing_both: "needs a CSMS role and the cervicalscreening workgroup here",
  missing_role: "needs a CSMS role here (has the workgroup)",
  missing_workgroup: "needs the cervicalscreening workgroup here (has a CSMS role)",
  no_position: "no position here in Care Identity",
  unknown: "each needs its own CSMS role and cervicalscreening workgroup",
};

/** The further organisations a requester named: each needs its own role and workgroup, unless its PCN or federation covers it. */
export function OtherOrganisations({ organisations }: { organisations: OtherOrganisation[] }) {
  if (organisations.length === 0) return null;
  return (
    <div className="mb-2" data-testid="other-organisations">
      <p className="font-bold">Also works at:</p>
      <ul className="ml-6 list-disc">
        {organisations.map((o) => (
          <li key={o.odsCode}>
            {o.name ? `${o.name} (${o.odsCode})` : o.odsCode}: {STATE_TEXT[o.state]}
          </li>
        ))}
      </ul>
    </div>
  );
}
