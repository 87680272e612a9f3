"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { changeEndDateAction } from "@/app/people/[smartcardId]/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { TextArea } from "@/components/forms/text-area";
import { EndDateChangeSchema } from "@/lib/validations/person";
import { dayToParts, type DateParts } from "@/lib/domain/date-parts";
import { EndDateField } from "./end-date-field";
import { useProfileChange } from "./use-profile-change";

type Target = { kind: "role" | "workgroup"; smartcardId: string; odsCode: string; roleCode?: string; version: number };
type Values = Target & { endDate: DateParts; reason: string };

/** Sets, moves or clears one grant's end date; the reason goes into the change log. */
export function EndDateForm({ target, current, idPrefix }: { target: Target; current: string | undefined; idPrefix: string }) {
  const { submit, failure, attempt, failed, fieldsFrom } = useProfileChange();
  const { register, handleSubmit, formState, control } = useForm<Values>({
    resolver: zodResolver(EndDateChangeSchema) as unknown as Resolver<Values>,
    defaultValues: { ...target, endDate: dayToParts(current), reason: "" },
    shouldFocusError: false,
  });
  const endDate = useWatch({ control, name: "endDate" });
  const onSubmit = handleSubmit((values) => submit(() => changeEndDateAction(values)), failed);
  const fields = fieldsFrom(formState.errors, ["endDate", "reason"]);
  return (
    <form onSubmit={onSubmit} noValidate className="mt-3">
      <ErrorSummary message={failure?.message} fields={fields} idPrefix={idPrefix} focusKey={attempt} />
      <EndDateField
        id={`${idPrefix}endDate`}
        legend="End date"
        hint="Access ends at the start of this day, UK time. For example, 27 3 2027. Leave it empty for no end date."
        error={fields.endDate}
        value={endDate}
        register={(part) => register(`endDate.${part}`)}
      />
      <TextArea id={`${idPrefix}reason`} label="Reason for this change" error={fields.reason} rows={2} maxLength={500} {...register("reason")} />
      <button type="submit" className="button-secondary" disabled={formState.isSubmitting}>Save end date</button>
    </form>
  );
}
