"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FieldErrors, FieldValues } from "react-hook-form";
import { useFailedAttempts } from "@/components/forms/error-summary";

type Result = { ok: true } | { ok: false; message: string; fields?: Record<string, string> };

/** Shared plumbing for admin forms: run the action, keep its failure, refresh on success, merge field errors. */
export function useActionForm() {
  const router = useRouter();
  const [failure, setFailure] = useState<{ message: string; fields?: Record<string, string> }>();
  const [done, setDone] = useState<string>();
  const { attempt, failed } = useFailedAttempts();

  async function run(action: () => Promise<Result>, success: string) {
    setFailure(undefined);
    setDone(undefined);
    const result = await action();
    if (!result.ok) {
      setFailure(result);
      return failed();
    }
    setDone(success);
    router.refresh();
  }

  function fieldsFrom<T extends FieldValues>(errors: FieldErrors<T>, prefix: string): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const [name, message] of Object.entries(failure?.fields ?? {})) fields[`${prefix}${name}`] = message;
    for (const [name, error] of Object.entries(errors)) {
      const message = (error as { message?: unknown } | undefined)?.message;
      if (typeof message === "string") fields[`${prefix}${name}`] = message;
    }
    return fields;
  }

  return { run, failure, done, fieldsFrom, attempt, failed };
}
