"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type Resolver } from "react-hook-form";
import { changeEndDateAction } from "@/app/people/[smartcardId]/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { TextArea } from "@/components/forms/text-area";
import { EndDateChangeSchema } from "@/lib/validations/person";
import { EndDateField } from "./end-date-field";
import { useProfileChange } from "./use-profile-change";

type Target = { kind: "role" | "workgroup"; smartcardId: string; odsCode: string; roleCode?: string; version: number };
type Values = Target & { endDate: string; reason: string };

/** Sets, moves or clears one grant's end date; the reason goes into the change log. */
export function EndDateForm({ target, current, idPrefix }: { target: Target; current: string; idPrefix: string }) {
  const { submit, failure, attempt, failed, fieldsFrom } = useProfileChange();
  const { register, handleSubmit, formState } = useForm<Values>({
    resolver: zodResolver(EndDateChangeSchema) as unknown as Resolver<Values>,
    defaultValues: { ...target, endDate: current, reason: "" },
    shouldFocusError: false,
  });
  const onSubmit = handleSubmit((values) => submit(() => changeEndDateAction(values)), failed);
  const fields = fieldsFrom(formState.errors, ["endDate", "reason"]);
  return (
    <form onSubmit={onSubmit} noValidate className="mt-3">
      <ErrorSummary message={failure?.message} fields={fields} idPrefix={idPrefix} focusKey={attempt} />
      <EndDateField
        id={`${idPrefix}endDate`}
        label="End date"
        hint="Access ends at the start of this day, UK time, for example 3/12/2026. Leave empty for no end date."
        error={fields.endDate}
        {...register("endDate")}
      />
      <TextArea id={`${idPrefix}reason`} label="Reason for this change" error={fields.reason} rows={2} maxLength={500} {...register("reason")} />
      <button type="submit" className="button-secondary" disabled={formState.isSubmitting}>Save end date</button>
    </form>
  );
}
