"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { changeRequestAction } from "@/app/requests/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { AttachOdsSchema } from "@/lib/validations/request";

type Values = z.input<typeof AttachOdsSchema>;

/** The organisation the requester named later, or a correction: the request moves there and is diagnosed again. */
export function AttachOdsForm({ request }: { request: { id: string; version: number; odsCode: string | null } }) {
  const { run, failure, fieldsFrom, attempt, failed } = useActionForm();
  const { register, handleSubmit, formState } = useForm<Values>({ resolver: zodResolver(AttachOdsSchema), defaultValues: { odsCode: "" }, shouldFocusError: false });
  const onSubmit = handleSubmit(
    (values) => run(() => changeRequestAction({ id: request.id, version: request.version, odsCode: values.odsCode }), "Organisation attached."),
    failed,
  );
  const fields = fieldsFrom(formState.errors);
  const verb = request.odsCode ? "Move to another organisation" : "Attach the organisation";

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="attach-ods-heading">
      <h3 id="attach-ods-heading" className="mb-2 text-lg font-bold">{verb}</h3>
      <ErrorSummary message={failure?.message} fields={fields} idPrefix="attach-" focusKey={attempt} />
      <TextField
        id="attach-odsCode"
        label="ODS code"
        hint="For example A81001. The request goes to that organisation's RA officers and is diagnosed again."
        autoComplete="off"
        maxLength={10}
        className="input max-w-xs"
        error={fields.odsCode}
        {...register("odsCode")}
      />
      <button type="submit" className="button-secondary" disabled={formState.isSubmitting}>{verb}</button>
    </form>
  );
}
