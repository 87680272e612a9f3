import { describeFix, type FixAction } from "@/lib/domain/fix";
import type { ChangeRights } from "@/lib/services/change-rights";
import { AskForm } from "./ask-form";
import { ChangeForm } from "./change-form";
import { CreateWorkgroupForm } from "@/components/organisations/create-workgroup-form";

type Props = {
  actions: FixAction[];
  smartcardId: string;
  version: number;
  rights: ChangeRights;
  orgName: (odsCode: string) => string;
  /** Prefix of form ids and the apply button's words ("Apply fix" on the profile, "Apply" on a request). */
  idPrefix: string;
  applyLabel: string;
  reasonLead: string;
  requestId?: string;
  /** Workgroup changes already asked for, by ODS code, so nobody asks twice. */
  asked?: string[];
  /** Auditors read the plan; telling them who must act would only mislead. */
  readOnly?: boolean;
};

/** The plan's steps, each with the control this officer may use: apply, ask for it, or who must do it. */
export function PlanActions({ actions, smartcardId, version, rights, orgName, idPrefix, applyLabel, reasonLead, requestId, asked = [], readOnly = false }: Props) {
  return (
    <ul>
      {actions.map((action) => {
        const text = describeFix(action, orgName(action.odsCode));
        const target = { smartcardId, odsCode: action.odsCode, version, requestId };
        let control;
        if (action.kind === "create_org_workgroup") {
          control = rights.orgWorkgroups.includes(action.odsCode) ? (
            <CreateWorkgroupForm odsCode={action.odsCode} idPrefix={`${idPrefix}create-${action.odsCode}-`} defaultReason={`${reasonLead}: ${text}`} />
          ) : readOnly ? null : (
            <p className="text-nhs-grey">An RA manager or advanced RA agent acting for {action.odsCode} must create it; then the person can be added to it.</p>
          );
        } else if (action.kind === "add_role") {
          control = rights.roles.includes(action.odsCode) ? (
            <a href="#add-role" className="font-bold">Choose a CSMS job role to add at {action.odsCode}</a>
          ) : null;
        } else if (rights.workgroups.includes(action.odsCode)) {
          control = (
            <ChangeForm
              kind="workgroup.add"
              idPrefix={`${idPrefix}${action.odsCode}-`}
              target={target}
              defaultReason={`${reasonLead}: ${text}`}
              submitLabel={`${applyLabel}: add workgroup at ${action.odsCode}`}
            />
          );
        } else if (asked.includes(action.odsCode)) {
          control = <p className="text-nhs-grey">Asked for: waiting for an advanced RA agent or RA manager.</p>;
        } else if (rights.ask.includes(action.odsCode)) {
          control = (
            <AskForm
              idPrefix={`ask-${action.odsCode}-`}
              target={{ kind: "workgroup.add", smartcardId, odsCode: action.odsCode, requestId }}
              defaultReason={`${reasonLead}: ${text}`}
              what={`add workgroup at ${action.odsCode}`}
            />
          );
        }
        return (
          <li key={`${action.kind}-${action.odsCode}`} className="mb-4">
            <p className="font-bold">{text}</p>
            {control ?? (!readOnly && <p className="text-nhs-grey">You do not act for {action.odsCode}: that organisation&apos;s registration authority must make this change.</p>)}
          </li>
        );
      })}
    </ul>
  );
}
