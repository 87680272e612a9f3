"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { requesterReplyAction } from "@/app/requests/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { TextArea } from "@/components/forms/text-area";
import { useActionForm } from "@/components/forms/use-action-form";
import { RequesterReplySchema } from "@/lib/validations/request";

const Schema = RequesterReplySchema.pick({ message: true });
type Values = z.input<typeof Schema>;

/** The requester answers their registration authority; reference and email are the ones just checked. */
export function RequesterReplyForm({ reference, email, onSent }: { reference: string; email: string; onSent: () => void }) {
  const { run, failure, fieldsFrom, attempt, failed } = useActionForm();
  const { register, handleSubmit, formState, reset } = useForm<Values>({ resolver: zodResolver(Schema), defaultValues: { message: "" }, shouldFocusError: false });
  const onSubmit = handleSubmit(async (values) => {
    if (await run(() => requesterReplyAction({ reference, email, message: values.message }))) {
      reset();
      onSent();
    }
  }, failed);
  const fields = fieldsFrom(formState.errors, "reply-");

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="requester-reply-heading" className="mt-4">
      <h3 id="requester-reply-heading" className="mb-2 text-lg font-bold">Reply to your registration authority</h3>
      <ErrorSummary message={failure?.message} fields={fields} focusKey={attempt} />
      <TextArea
        id="reply-message"
        label="Your reply"
        hint="For example your smartcard ID or the organisation's ODS code. Never send your smartcard passcode."
        rows={4}
        maxLength={3000}
        error={fields["reply-message"]}
        {...register("message")}
      />
      <button type="submit" className="button" disabled={formState.isSubmitting}>Send reply</button>
    </form>
  );
}
