"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { splitRequestAction } from "@/app/requests/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useActionForm } from "@/components/forms/use-action-form";
import { formatSmartcardId } from "@/lib/domain/smartcard";
import { SplitRequestSchema } from "@/lib/validations/request";

const Schema = SplitRequestSchema.pick({ smartcardIds: true });
type Values = z.input<typeof Schema>;

/** A message naming several people becomes one request per person, linked to this one. */
export function SplitForm({ request, smartcardIds }: { request: { id: string; version: number }; smartcardIds: string[] }) {
  const { run, failure, fieldsFrom, attempt, failed, done } = useActionForm();
  const { register, handleSubmit, formState } = useForm<Values>({ resolver: zodResolver(Schema), defaultValues: { smartcardIds }, shouldFocusError: false });
  const onSubmit = handleSubmit(
    (values) => run(() => splitRequestAction({ id: request.id, version: request.version, smartcardIds: values.smartcardIds }), "Split into separate requests."),
    failed,
  );
  const fields = fieldsFrom(formState.errors, "split-");

  return (
    <form onSubmit={onSubmit} noValidate className="card border-l-8 border-l-nhs-warm-yellow" aria-labelledby="split-heading">
      <h2 id="split-heading" className="mb-2 text-xl font-bold">This request names more than one smartcard ID</h2>
      <div role="status">{done && <p className="mb-3 font-bold">{done}</p>}</div>
      <ErrorSummary message={failure?.message} fields={fields} focusKey={attempt} />
      <fieldset aria-describedby="split-hint">
        <legend className="label">Make a separate request for each of these</legend>
        <span id="split-hint" className="hint">Each gets its own reference, diagnosis and reply; this request keeps its own smartcard ID.</span>
        {fields["split-smartcardIds"] && <span className="field-error" id="split-smartcardIds" tabIndex={-1}>Error: {fields["split-smartcardIds"]}</span>}
        {smartcardIds.map((id) => (
          <div key={id} className="mb-2 flex items-center gap-2">
            <input id={`split-${id}`} type="checkbox" value={id} className="h-6 w-6" {...register("smartcardIds")} />
            <label htmlFor={`split-${id}`}>{formatSmartcardId(id)}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="button-secondary mt-2" disabled={formState.isSubmitting}>Split into separate requests</button>
    </form>
  );
}
