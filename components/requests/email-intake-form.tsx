"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { createFromEmailAction } from "@/app/requests/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useActionForm } from "@/components/forms/use-action-form";
import { TextArea } from "@/components/forms/text-area";
import { TextField } from "@/components/forms/text-field";
import { EmailIntakeSchema } from "@/lib/validations/request";

type Values = z.input<typeof EmailIntakeSchema>;

export function EmailIntakeForm() {
  const router = useRouter();
  const { run, failure, fieldsFrom, attempt, failed } = useActionForm();
  const { register, handleSubmit, formState } = useForm<Values>({ resolver: zodResolver(EmailIntakeSchema), shouldFocusError: false });

  const onSubmit = handleSubmit(async (values) => {
    const created = await run(() => createFromEmailAction(values));
    if (created) router.push(`/requests/${created.id}`);
  }, failed);
  const fields = fieldsFrom(formState.errors);

  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary message={failure?.message} fields={fields} focusKey={attempt} />
      <TextField label="Sender's name" maxLength={100} error={fields.senderName} {...register("senderName")} />
      <TextField label="Sender's email address" type="email" maxLength={254} error={fields.senderEmail} {...register("senderEmail")} />
      <TextArea label="Email text" hint="Paste the whole email; the console reads the smartcard ID, ODS codes and errors from it." rows={8} maxLength={20000} error={fields.text} {...register("text")} />
      <button type="submit" className="button" disabled={formState.isSubmitting}>{formState.isSubmitting ? "Adding…" : "Add request"}</button>
    </form>
  );
}
