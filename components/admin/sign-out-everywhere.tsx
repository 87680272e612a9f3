"use client";

import { useState } from "react";
import { signOutEverywhereAction } from "@/app/admin-actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useActionForm } from "@/components/forms/use-action-form";

/** Ends every session of one console user at once: they must sign in again, wherever they were signed in. */
export function SignOutEverywhere({ user }: { user: { id: number; name: string } }) {
  const { run, failure, done, attempt } = useActionForm();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    await run(() => signOutEverywhereAction({ id: user.id }), `${user.name} is signed out everywhere.`);
    setBusy(false);
  }

  return (
    <form onSubmit={onSubmit} className="mt-2">
      <div role="status">{done && <p className="mb-2 font-bold text-nhs-green">{done}</p>}</div>
      <ErrorSummary message={failure?.message} focusKey={attempt} />
      <button type="submit" className="button-warning" disabled={busy} aria-label={`Sign ${user.name} out everywhere`}>
        Sign out everywhere
      </button>
    </form>
  );
}
