"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { decideChangeAction } from "@/app/people/[smartcardId]/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { TextArea } from "@/components/forms/text-area";
import { useProfileChange } from "@/components/people/use-profile-change";
import { DecideChangeSchema } from "@/lib/validations/person";

type Values = z.input<typeof DecideChangeSchema>;

/**
 * Approve or reject one pending change; either way the note goes into the change log.
 * `askJustification`: the change has no IG justification yet, so the approver may give one if the guard warns.
 */
export function DecideForm({ id, label, askJustification }: { id: string; label: string; askJustification: boolean }) {
  // A decided change leaves the list: the outcome is said above the list (and focused) instead.
  const { submit: send, failure, fieldsFrom, attempt, failed } = useProfileChange();
  const { register, handleSubmit, setValue, formState } = useForm<Values>({
    resolver: zodResolver(DecideChangeSchema),
    defaultValues: { id, reason: "" },
    shouldFocusError: false,
  });
  const prefix = `decide-${id}-`;
  const submit = (decision: Values["decision"]) => {
    setValue("decision", decision);
    return handleSubmit((values) => send(() => decideChangeAction(values)), failed)();
  };
  const fields = fieldsFrom(formState.errors, ["reason", "justification"]);

  return (
    <form noValidate onSubmit={(e) => e.preventDefault()}>
      <ErrorSummary message={failure?.message} fields={fields} idPrefix={prefix} focusKey={attempt} />
      <TextArea
        id={`${prefix}reason`}
        label={`Your note (${label})`}
        hint="Needed to reject: it goes into the change log and tells the proposer why."
        rows={2}
        maxLength={500}
        error={fields.reason}
        {...register("reason")}
      />
      {askJustification && failure?.code === "ig_warning" && (
        <div className="mb-4 border-l-8 border-nhs-warm-yellow p-3" data-testid="ig-warning">
          <p className="mb-2">{failure.message}</p>
          <div className="mb-3 flex items-start gap-2">
            <input id={`${prefix}acknowledgeWarning`} type="checkbox" className="mt-1 h-5 w-5" {...register("acknowledgeWarning")} />
            <label htmlFor={`${prefix}acknowledgeWarning`}>I have checked that this person needs this access anyway</label>
          </div>
          <TextArea id={`${prefix}justification`} label="Why is this access needed?" rows={2} maxLength={500} error={fields.justification} {...register("justification")} />
        </div>
      )}
      <div className="flex flex-wrap gap-3">
        <button type="button" className="button" disabled={formState.isSubmitting} onClick={() => submit("approve")}>Approve</button>
        <button type="button" className="button-warning" disabled={formState.isSubmitting} onClick={() => submit("reject")}>Reject</button>
      </div>
    </form>
  );
}
