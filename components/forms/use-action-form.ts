"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FieldErrors, FieldValues } from "react-hook-form";
import { useFailedAttempts } from "./error-summary";
import { shownFailure, type ShownFailure } from "./signed-out";

type Failure = { message: string; fields?: Record<string, string>; code?: string };
type Result<T> = { ok: true; value: T } | ({ ok: false } & Failure);

/**
 * Shared plumbing for forms that call a Server Action: keep its failure for the error summary (and count
 * the attempt so focus moves there; a signed-out answer keeps what was typed and links to sign in), refresh the page's server data on success, merge field errors.
 */
export function useActionForm() {
  const router = useRouter();
  const [failure, setFailure] = useState<ShownFailure<Failure>>();
  const [done, setDone] = useState<string>();
  const { attempt, failed } = useFailedAttempts();

  async function run<T>(action: () => Promise<Result<T>>, success?: string): Promise<T | undefined> {
    setFailure(undefined);
    setDone(undefined);
    const result = await action();
    if (!result.ok) {
      setFailure(shownFailure(result));
      failed();
      return undefined;
    }
    setDone(success);
    router.refresh();
    return result.value;
  }

  function fieldsFrom<T extends FieldValues>(errors: FieldErrors<T>, prefix = ""): Record<string, string> {
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
