"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { LookupSchema } from "@/lib/validations/person";
import { ErrorSummary, useFailedAttempts } from "./error-summary";
import { TextField } from "./text-field";

type LookupValues = z.input<typeof LookupSchema>;

export function LookupForm({ defaultValue, serverError }: { defaultValue: string; serverError?: string }) {
  const router = useRouter();
  const { register, handleSubmit, formState } = useForm<LookupValues, unknown, z.output<typeof LookupSchema>>({
    resolver: zodResolver(LookupSchema),
    defaultValues: { smartcardId: defaultValue },
    shouldFocusError: false,
  });
  const error = formState.errors.smartcardId?.message ?? (formState.isSubmitted ? undefined : serverError);

  // The server checks again: the query string is input like any other.
  const { attempt, failed } = useFailedAttempts();
  const onSubmit = handleSubmit(({ smartcardId }) => router.push(`/?smartcardId=${smartcardId}`), failed);

  return (
    <form onSubmit={onSubmit} noValidate role="search" aria-label="Person lookup">
      <ErrorSummary fields={error ? { smartcardId: error } : {}} focusKey={attempt} />
      <TextField
        label="Smartcard ID"
        hint="12 digits, for example 5555 1234 5678. Spaces and dashes are fine."
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        error={error}
        className="input max-w-xs text-lg tracking-wider"
        {...register("smartcardId")}
      />
      <button type="submit" className="button" disabled={formState.isSubmitting}>Look up</button>
    </form>
  );
}
