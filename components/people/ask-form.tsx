"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { askForChangeAction } from "@/app/people/[smartcardId]/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { TextArea } from "@/components/forms/text-area";
import { AskChangeSchema } from "@/lib/validations/person";
import { useProfileChange } from "./use-profile-change";

type Values = z.input<typeof AskChangeSchema>;
type Props = { target: Omit<Values, "reason">; idPrefix: string; defaultReason?: string; what: string };

/** For an RA agent: a workgroup change they may not make goes to the advanced RA agents' and RA managers' queue. */
export function AskForm({ target, idPrefix, defaultReason = "", what }: Props) {
  const { submit, failure, attempt, failed, fieldsFrom } = useProfileChange();
  const { register, handleSubmit, formState } = useForm<Values>({
    resolver: zodResolver(AskChangeSchema),
    defaultValues: { ...target, reason: defaultReason },
    shouldFocusError: false,
  });
  const onSubmit = handleSubmit((values) => submit(() => askForChangeAction(values)), failed);
  const fields = fieldsFrom(formState.errors, ["reason"]);

  return (
    <form onSubmit={onSubmit} noValidate className="mt-3">
      <p className="mb-2 text-nhs-grey">Needs an advanced RA agent or RA manager: workgroups are theirs to change.</p>
      <ErrorSummary message={failure?.message} fields={fields} idPrefix={idPrefix} focusKey={attempt} />
      <TextArea id={`${idPrefix}reason`} label="Why is this needed?" hint="They see this in their queue." error={fields.reason} rows={2} maxLength={500} {...register("reason")} />
      <button type="submit" className="button-secondary" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Asking…" : `Ask for this: ${what}`}
      </button>
    </form>
  );
}
