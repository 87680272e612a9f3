"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { reviewGrantAction } from "@/app/people/[smartcardId]/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { TextArea } from "@/components/forms/text-area";
import { EndDateField } from "@/components/people/end-date-field";
import { useProfileChange } from "@/components/people/use-profile-change";
import type { DateParts } from "@/lib/domain/date-parts";
import { ReviewSchema } from "@/lib/validations/person";

type Target = { kind: "role" | "workgroup"; smartcardId: string; odsCode: string; roleCode?: string; version: number };
type Values = Target & { reason: string; decision: "still_needed" | "end_now"; endDate?: DateParts };

/**
 * One access review decision: re-certify the grant as still needed, or end it now; either way with a reason.
 * `endingSoon`: the grant has an end date close by, so "still needed" takes a new end date (or none).
 */
export function ReviewForm({ target, label, endingSoon }: { target: Target; label: string; endingSoon: boolean }) {
  // The row usually leaves the list once decided: the outcome is said above the list (and focused) instead.
  const { submit: send, failure, fieldsFrom, attempt, failed } = useProfileChange();
  const { register, handleSubmit, setValue, formState, control } = useForm<Values>({
    resolver: zodResolver(ReviewSchema) as unknown as Resolver<Values>,
    defaultValues: { ...target, reason: "" },
    shouldFocusError: false,
  });
  const endDate = useWatch({ control, name: "endDate" });
  const prefix = `review-${target.smartcardId}-${target.odsCode}-${target.roleCode ?? "wg"}-`;
  const submit = (decision: Values["decision"]) => {
    setValue("decision", decision);
    return handleSubmit((values) => send(() => reviewGrantAction(values)), failed)();
  };
  const fields = fieldsFrom(formState.errors, ["endDate", "reason"]);
  return (
    <form noValidate onSubmit={(e) => e.preventDefault()}>
      <ErrorSummary message={failure?.message} fields={fields} idPrefix={prefix} focusKey={attempt} />
      {endingSoon && (
        <EndDateField
          id={`${prefix}endDate`}
          legend="New end date if still needed"
          hint="For example, 27 3 2027. Leave it empty to keep the access with no end date."
          error={fields.endDate}
          value={endDate}
          register={(part) => register(`endDate.${part}`)}
        />
      )}
      <TextArea id={`${prefix}reason`} label={`Reason (${label})`} rows={2} maxLength={500} error={fields.reason} {...register("reason")} />
      <div className="flex flex-wrap gap-3">
        <button type="button" className="button" disabled={formState.isSubmitting} onClick={() => submit("still_needed")}>Still needed</button>
        <button type="button" className="button-warning" disabled={formState.isSubmitting} onClick={() => submit("end_now")}>End now</button>
      </div>
    </form>
  );
}
