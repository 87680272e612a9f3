"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { addNoteAction } from "@/app/requests/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { TextArea } from "@/components/forms/text-area";
import { useActionForm } from "@/components/forms/use-action-form";
import { RequestNoteSchema } from "@/lib/validations/request";

const Schema = RequestNoteSchema.pick({ text: true });
type Values = z.input<typeof Schema>;

/** An internal note: RA staff only, never sent to the requester; kept and audited. */
export function NoteForm({ requestId }: { requestId: string }) {
  const { run, failure, fieldsFrom, attempt, failed, done } = useActionForm();
  const { register, handleSubmit, formState, reset } = useForm<Values>({ resolver: zodResolver(Schema), defaultValues: { text: "" }, shouldFocusError: false });
  const onSubmit = handleSubmit(async (values) => {
    if (await run(() => addNoteAction({ id: requestId, text: values.text }), "Note added.")) reset();
  }, failed);
  const fields = fieldsFrom(formState.errors, "note-");

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="note-heading">
      <h3 id="note-heading" className="mb-2 text-lg font-bold">Add an internal note</h3>
      <div role="status">{done && <p className="mb-3 font-bold">{done}</p>}</div>
      <ErrorSummary message={failure?.message} fields={fields} focusKey={attempt} />
      <TextArea id="note-text" label="Internal note" hint="Seen by RA staff and auditors only; the requester never sees it." rows={3} maxLength={2000} error={fields["note-text"]} {...register("text")} />
      <button type="submit" className="button-secondary" disabled={formState.isSubmitting}>Add note</button>
    </form>
  );
}
