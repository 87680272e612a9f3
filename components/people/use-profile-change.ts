"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FieldErrors, FieldValues } from "react-hook-form";
import type { ChangeResult } from "@/app/people/[smartcardId]/actions";
import { useFailedAttempts } from "@/components/forms/error-summary";
import { shownFailure, type ShownFailure } from "@/components/forms/signed-out";
import { useFlash } from "./flash";

type Failure = Extract<ChangeResult, { ok: false }>;

/**
 * The plumbing every profile change form shares: run the Server Action, keep its failure for the error
 * summary (moving focus there), or show the success above the forms and reload the profile.
 */
export function useProfileChange() {
  const router = useRouter();
  const flash = useFlash();
  const [failure, setFailure] = useState<ShownFailure<Failure>>();
  const { attempt, failed } = useFailedAttempts();

  async function submit(action: () => Promise<ChangeResult>): Promise<Failure | undefined> {
    setFailure(undefined);
    const result = await action();
    if (!result.ok) {
      setFailure(shownFailure(result));
      failed();
      return result;
    }
    flash.show(result.message);
    router.refresh();
    return undefined;
  }

  /** The server's field messages, overridden by the browser's own checks of the same schema. */
  function fieldsFrom<T extends FieldValues>(errors: FieldErrors<T>, names: readonly string[]): Record<string, string> {
    const fields: Record<string, string> = { ...failure?.fields };
    for (const name of names) {
      const message = (errors[name] as { message?: unknown } | undefined)?.message;
      if (typeof message === "string") fields[name] = message;
    }
    return fields;
  }

  return { submit, failure, attempt, failed, fieldsFrom };
}
