"use client";

import type { ReactNode } from "react";
import { saveFormDrafts } from "./form-drafts";

/** A failure as the error summary shows it: the message may carry a link. */
export type ShownFailure<F extends { message: string }> = Omit<F, "message"> & { message: ReactNode };

/**
 * A Server Action's or the API's failure, ready for the error summary. When the answer is "not signed in"
 * (an expired or ended session), what was typed on the page is kept and the message links to the login page,
 * which brings the person back here with it. Call it from the submit handler, never while rendering.
 */
export function shownFailure<F extends { message: string; code?: string }>(failure: F): ShownFailure<F> {
  if (failure.code !== "not_signed_in") return failure;
  saveFormDrafts();
  const here = `${window.location.pathname}${window.location.search}`;
  return {
    ...failure,
    message: (
      <>
        You have been signed out, so nothing was changed.{" "}
        <a href={`/login?${new URLSearchParams({ callbackUrl: here })}`} className="font-bold text-nhs-blue underline">
          Sign in again
        </a>{" "}
        to come back to this page with what you typed.
      </>
    ),
  };
}
