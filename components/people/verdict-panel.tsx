import type { PersonProfile } from "@/lib/data/people";
import { describeFix } from "@/lib/domain/fix";
import type { OrganisationStatus } from "@/lib/domain/verdict";
import { verdictHeadline } from "@/lib/domain/verdict-text";
import { ChangeForm } from "./change-form";

type Props = {
  profile: PersonProfile;
  catalogue: { code: string; name: string }[];
  changeable: string[];
};

const statusWords: Record<OrganisationStatus, string> = {
  ready: "Ready: role and workgroup",
  covered_by_group: "Covered through the PCN / federation",
  missing_workgroup: "No cervicalscreening workgroup",
  missing_role: "No CSMS job role",
  missing_both: "No CSMS job role and no workgroup",
};

export function VerdictPanel({ profile, catalogue, changeable }: Props) {
  const { verdict, fix } = profile;
  const roleName = (code: string) => catalogue.find((r) => r.code === code)?.name ?? code;
  const orgName = (ods: string) => profile.positions.find((p) => p.odsCode === ods)?.orgName ?? ods;
  const tone = verdict.canLogIn ? "border-l-nhs-green" : "border-l-nhs-red";

  return (
    <section aria-labelledby="verdict-heading" className={`card border-l-8 ${tone}`}>
      <h2 id="verdict-heading" className="mb-1 text-sm font-bold uppercase tracking-wide text-nhs-grey">What CSMS will show at login</h2>
      <p className="mb-3 text-2xl font-bold" data-testid="verdict-headline">{verdictHeadline(verdict, roleName, orgName)}</p>
      {verdict.canLogIn && verdict.selectable.length > 1 && (
        <ul className="mb-3 list-disc pl-6">
          {verdict.selectable.map((s) => (
            <li key={`${s.odsCode}-${s.roleCode}`}>{s.roleCode} {roleName(s.roleCode)} at {s.odsCode} ({orgName(s.odsCode)})</li>
          ))}
        </ul>
      )}
      {verdict.coveredOdsCodes.length > 0 && (
        <p className="mb-3">Records covered: {verdict.coveredOdsCodes.join(", ")}</p>
      )}
      {profile.positions.length === 0 && (
        <p>This person has no position at any organisation. Their registration authority must add a position before CSMS access can be given.</p>
      )}
      {verdict.organisations.length > 0 && (
        <ul className="mb-3">
          {verdict.organisations.map((o) => (
            <li key={o.odsCode}>
              <span className="font-bold">{o.odsCode}</span> {o.orgName}: {statusWords[o.status]}
              {o.coveredBy && ` (by ${o.coveredBy})`}
              {o.otherRoles.length > 0 && ` · roles CSMS does not accept: ${o.otherRoles.join(", ")}`}
            </li>
          ))}
        </ul>
      )}
      {fix.length > 0 && (
        <div className="mt-4 border-t border-nhs-border pt-4">
          <h3 className="mb-2 text-lg font-bold">To fix</h3>
          <ul>
            {fix.map((action) => {
              const text = describeFix(action, orgName(action.odsCode));
              const canApply = changeable.includes(action.odsCode);
              return (
                <li key={`${action.kind}-${action.odsCode}`} className="mb-4">
                  <p>{text}</p>
                  {canApply && action.kind === "add_workgroup" && (
                    <ChangeForm
                      kind="workgroup.add"
                      idPrefix={`fix-${action.odsCode}-`}
                      target={{ smartcardId: profile.smartcardId, odsCode: action.odsCode, version: profile.version }}
                      defaultReason={`Fix from the CSMS verdict: ${text}`}
                      submitLabel={`Apply fix: add workgroup at ${action.odsCode}`}
                    />
                  )}
                  {canApply && action.kind === "add_role" && (
                    <a href="#add-role" className="font-bold">Choose a CSMS job role to add at {action.odsCode}</a>
                  )}
                  {!canApply && <p className="text-nhs-grey">You do not act for {action.odsCode}: that organisation&apos;s registration authority must make this change.</p>}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
