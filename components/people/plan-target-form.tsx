import type { FixPlan } from "@/lib/domain/fix";

type Props = { positions: { odsCode: string; orgName: string }[]; plan: FixPlan };

/** The plan works from where the person needs CSMS; a plain GET form, so it works without script. */
export function PlanTargetForm({ positions, plan }: Props) {
  const organisations = new Map(positions.map((p) => [p.odsCode, p.orgName]));
  return (
    <form method="get" className="mb-3 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="plan-for" className="label">Where does this person need CSMS?</label>
        <select id="plan-for" name="for" className="input" defaultValue={plan.state === "choose_organisation" ? "" : plan.odsCode}>
          <option value="">Choose an organisation</option>
          {[...organisations].map(([code, name]) => (
            <option key={code} value={code}>{code} {name}</option>
          ))}
        </select>
      </div>
      <button type="submit" className="button-secondary">Show what to change</button>
    </form>
  );
}
