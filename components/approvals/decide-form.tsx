"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { decideChangeAction } from "@/app/people/[smartcardId]/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { TextArea } from "@/components/forms/text-area";
import { useActionForm } from "@/components/forms/use-action-form";
import { DecideChangeSchema } from "@/lib/validations/person";

type Values = z.input<typeof DecideChangeSchema>;

/** Apply or decline one asked-for change; either way the reason goes into the change log. */
export function DecideForm({ id, label }: { id: string; label: string }) {
  const { run, done, failure, fieldsFrom, attempt, failed } = useActionForm();
  const { register, handleSubmit, setValue, formState } = useForm<Values>({
    resolver: zodResolver(DecideChangeSchema),
    defaultValues: { id, reason: "" },
    shouldFocusError: false,
  });
  const prefix = `decide-${id}-`;
  const submit = (decision: Values["decision"]) => {
    setValue("decision", decision);
    return handleSubmit(async (values) => {
      await run(async () => {
        const result = await decideChangeAction(values);
        return result.ok ? { ok: true as const, value: result.message } : result;
      }, decision === "apply" ? "Applied: the change is made and in the change log." : "Declined: the reason is in the change log.");
    }, failed)();
  };
  const fields = fieldsFrom(formState.errors, prefix);

  return (
    <form noValidate onSubmit={(e) => e.preventDefault()}>
      <div role="status" aria-live="polite">{done && <p className="mb-2 font-bold">{done}</p>}</div>
      <ErrorSummary message={failure?.message} fields={fields} idPrefix={prefix} focusKey={attempt} />
      <TextArea id={`${prefix}reason`} label={`Your reason (${label})`} rows={2} maxLength={500} error={fields[`${prefix}reason`]} {...register("reason")} />
      <div className="flex flex-wrap gap-3">
        <button type="button" className="button" disabled={formState.isSubmitting} onClick={() => submit("apply")}>Apply</button>
        <button type="button" className="button-warning" disabled={formState.isSubmitting} onClick={() => submit("decline")}>Decline</button>
      </div>
    </form>
  );
}
