"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { createFromEmailAction } from "@/app/requests/actions";
import { ErrorSummary, useFailedAttempts } from "@/components/forms/error-summary";
import { TextArea } from "@/components/forms/text-area";
import { TextField } from "@/components/forms/text-field";
import { EmailIntakeSchema } from "@/lib/validations/request";

type Values = z.input<typeof EmailIntakeSchema>;

export function EmailIntakeForm() {
  const router = useRouter();
  const [failure, setFailure] = useState<{ message: string; fields?: Record<string, string> }>();
  const { register, handleSubmit, formState } = useForm<Values>({ resolver: zodResolver(EmailIntakeSchema), shouldFocusError: false });

  const { attempt, failed } = useFailedAttempts();
  const onSubmit = handleSubmit(async (values) => {
    setFailure(undefined);
    const result = await createFromEmailAction(values);
    if (!result.ok) {
      setFailure(result);
      return failed();
    }
    router.push(`/requests/${result.value.id}`);
  }, failed);

  const fields: Record<string, string> = { ...failure?.fields };
  for (const [name, error] of Object.entries(formState.errors)) if (error?.message) fields[name] = error.message;

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
