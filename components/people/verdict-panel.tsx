import type { PersonProfile } from "@/lib/data/people";
import { describePlan, type FixPlan } from "@/lib/domain/fix";
import { organisationStatusText, verdictHeadline } from "@/lib/domain/verdict-text";
import type { ChangeRights } from "@/lib/services/change-rights";
import { PlanActions } from "./plan-actions";
import { PlanTargetForm } from "./plan-target-form";

type Props = {
  profile: PersonProfile;
  catalogue: { code: string; name: string }[];
  rights: ChangeRights;
  plan: FixPlan;
  asked: string[];
  readOnly: boolean;
};

export function VerdictPanel({ profile, catalogue, rights, plan, asked, readOnly }: Props) {
  const { verdict } = profile;
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
              <span className="font-bold">{o.odsCode}</span> {o.orgName}: {organisationStatusText(o)}
              {o.coveredBy && ` (by ${o.coveredBy})`}
              {o.otherRoles.length > 0 && ` · roles CSMS does not accept: ${o.otherRoles.join(", ")}`}
            </li>
          ))}
        </ul>
      )}
      {profile.positions.length > 0 && (
        <div className="mt-4 border-t border-nhs-border pt-4">
          <h3 className="mb-2 text-lg font-bold">To fix</h3>
          <PlanTargetForm positions={profile.positions} plan={plan} />
          <p className="mb-3" data-testid="fix-plan">{describePlan(plan, orgName)}</p>
          {plan.actions.length > 0 && (
            <PlanActions
              actions={plan.actions}
              smartcardId={profile.smartcardId}
              version={profile.version}
              rights={rights}
              orgName={orgName}
              idPrefix="fix-"
              applyLabel="Apply fix"
              reasonLead="Fix from the CSMS verdict"
              asked={asked}
              readOnly={readOnly}
            />
          )}
        </div>
      )}
    </section>
  );
}
