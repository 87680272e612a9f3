"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { changeRequestAction } from "@/app/requests/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { LookupSchema } from "@/lib/validations/person";

type Values = z.input<typeof LookupSchema>;

/** When the requester sends their smartcard ID later (by reply or phone), the officer attaches it here. */
export function AttachSmartcardForm({ request }: { request: { id: string; version: number } }) {
  const { run, failure, fieldsFrom, attempt, failed } = useActionForm();
  const { register, handleSubmit, formState } = useForm<Values>({ resolver: zodResolver(LookupSchema), defaultValues: { smartcardId: "" }, shouldFocusError: false });
  const onSubmit = handleSubmit(
    (values) => run(() => changeRequestAction({ id: request.id, version: request.version, smartcardId: values.smartcardId }), "Smartcard ID attached."),
    failed,
  );
  const fields = fieldsFrom(formState.errors);

  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="attach-heading">
      <h2 id="attach-heading" className="mb-2 text-xl font-bold">No smartcard ID yet</h2>
      <ErrorSummary message={failure?.message} fields={fields} idPrefix="attach-" focusKey={attempt} />
      <TextField
        id="attach-smartcardId"
        label="Smartcard ID the requester sent"
        hint="12 digits; spaces and dashes are fine. Check it belongs to the person asking before changing their profile."
        inputMode="numeric"
        autoComplete="off"
        maxLength={30}
        error={fields.smartcardId}
        {...register("smartcardId")}
      />
      <button type="submit" className="button-secondary" disabled={formState.isSubmitting}>Attach smartcard ID</button>
    </form>
  );
}
