"use client";

import { retryEmailAction } from "@/app/requests/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useActionForm } from "@/components/forms/use-action-form";

/** Queue a failed email again; the requester may receive it twice if the first attempt did reach them. */
export function RetryButton({ id, subject }: { id: string; subject: string }) {
  const { run, failure, attempt, done } = useActionForm();
  return (
    <div>
      <ErrorSummary message={failure?.message} focusKey={attempt} />
      <div role="status">{done && <span className="font-bold">{done}</span>}</div>
      {!done && (
        <button type="button" className="button-secondary" aria-label={`Send again: ${subject}`} onClick={() => run(() => retryEmailAction({ id }), "Queued again.")}>
          Send again
        </button>
      )}
    </div>
  );
}
