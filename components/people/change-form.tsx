"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { changePersonAction } from "@/app/people/[smartcardId]/actions";
import type { ChangeKind } from "@/lib/services/person-changes";
import { AddRoleSchema, AddWorkgroupSchema } from "@/lib/validations/person";
import { ErrorSummary } from "@/components/forms/error-summary";
import { SelectField } from "@/components/forms/select-field";
import { TextArea } from "@/components/forms/text-area";
import type { DateParts } from "@/lib/domain/date-parts";
import { EndDateField } from "./end-date-field";
import { useProfileChange } from "./use-profile-change";

export type ChangeTarget = { smartcardId: string; odsCode: string; roleCode?: string; version: number; requestId?: string };

type Props = {
  kind: ChangeKind;
  target: ChangeTarget;
  idPrefix: string;
  submitLabel: string;
  defaultReason?: string;
  tone?: "go" | "warning";
  /** For adding a role: the organisations this officer may change and the catalogue to choose from. */
  choices?: RoleChoices;
};

export type RoleChoices = {
  organisations: { odsCode: string; label: string }[];
  roleGroups: { userGroup: string; roles: { code: string; label: string }[] }[];
};

type ChangeValues = ChangeTarget & { reason: string; endDate?: DateParts; acknowledgeWarning?: boolean; justification?: string };

// Role changes carry a role code, workgroup changes do not: the schema follows the kind.
const resolverFor = (kind: ChangeKind) =>
  zodResolver(kind.startsWith("role") ? AddRoleSchema : AddWorkgroupSchema) as unknown as Resolver<ChangeValues>;

/**
 * One audited change with a required reason; the server runs the same schema and the authorisation check.
 * Keyed on the profile version: after any change lands, every form starts again from the new version.
 */
export function ChangeForm(props: Props) {
  return <VersionedChangeForm key={props.target.version} {...props} />;
}

function VersionedChangeForm({ kind, target, idPrefix, submitLabel, defaultReason = "", tone = "go", choices }: Props) {
  const { submit, failure, attempt, failed, fieldsFrom } = useProfileChange();
  const { register, handleSubmit, formState, control } = useForm<ChangeValues>({
    resolver: resolverFor(kind),
    defaultValues: { ...target, reason: defaultReason },
    shouldFocusError: false,
  });
  const endDate = useWatch({ control, name: "endDate" });

  // Once the server has warned, the warning stays with the form until the change goes through.
  const [warned, setWarned] = useState<string[]>();
  const onSubmit = handleSubmit(async (values) => {
    const refused = await submit(() => changePersonAction(kind, values));
    if (refused?.code === "ig_warning") setWarned(refused.warnings ?? [refused.message]);
  }, failed);
  const fields = fieldsFrom(formState.errors, ["odsCode", "roleCode", "endDate", "reason", "justification"]);

  return (
    <form onSubmit={onSubmit} noValidate className="mt-3">
      <ErrorSummary message={failure?.message} fields={fields} idPrefix={idPrefix} focusKey={attempt} />
      {failure?.code === "version_conflict" && (
        <button type="button" className="button-secondary mb-4" onClick={() => window.location.reload()}>Reload the profile</button>
      )}
      {choices && (
        <>
          <SelectField id={`${idPrefix}odsCode`} label="Organisation" error={fields.odsCode} {...register("odsCode")}>
            <option value="">Choose an organisation</option>
            {choices.organisations.map((o) => (
              <option key={o.odsCode} value={o.odsCode}>{o.label}</option>
            ))}
          </SelectField>
          <SelectField id={`${idPrefix}roleCode`} label="Job role" hint="Only roles that CSMS accepts are listed." error={fields.roleCode} {...register("roleCode")}>
            <option value="">Choose a job role</option>
            {choices.roleGroups.map((group) => (
              <optgroup key={group.userGroup} label={group.userGroup}>
                {group.roles.map((r) => (
                  <option key={r.code} value={r.code}>{r.label}</option>
                ))}
              </optgroup>
            ))}
          </SelectField>
        </>
      )}
      {warned && (
        <div className="mb-4 border-l-8 border-nhs-warm-yellow bg-white p-3" data-testid="ig-warning">
          <h3 className="mb-2 font-bold">Information governance check</h3>
          <ul className="mb-3 list-disc pl-6">
            {warned.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <div className="mb-3 flex items-start gap-2">
            <input id={`${idPrefix}acknowledgeWarning`} type="checkbox" className="mt-1 h-5 w-5" {...register("acknowledgeWarning")} />
            <label htmlFor={`${idPrefix}acknowledgeWarning`}>I have checked that this person needs this access anyway</label>
          </div>
          <TextArea
            id={`${idPrefix}justification`}
            label="Why is this access needed?"
            hint="Recorded with the change for the auditors, beside the warning."
            error={fields.justification}
            rows={2}
            maxLength={500}
            {...register("justification")}
          />
        </div>
      )}
      {kind.endsWith(".add") && (
        <EndDateField
          id={`${idPrefix}endDate`}
          legend="End date (optional)"
          hint="For locums, bank staff and temporary clinics. Access ends at the start of this day, UK time. For example, 27 3 2027"
          error={fields.endDate}
          value={endDate}
          register={(part) => register(`endDate.${part}`)}
        />
      )}
      <TextArea
        id={`${idPrefix}reason`}
        label="Reason for this change"
        hint="Recorded in the change log with your name."
        error={fields.reason}
        rows={2}
        maxLength={500}
        {...register("reason")}
      />
      <button type="submit" className={tone === "warning" ? "button-warning" : "button"} disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}
