"use client";

import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { ERROR_SUMMARY_SLOT } from "./error-summary-slot";
import { holdErrorTitle } from "./error-title";

type Props = {
  title?: string;
  /** Text, or text with a link (a signed-out answer links to the login page). */
  message?: ReactNode;
  fields?: Record<string, string>;
  idPrefix?: string;
  /** Changes on each failed attempt to submit; focus moves to the summary then, never while someone types. */
  focusKey?: number;
};

/** Counts failed submit attempts, for ErrorSummary's focusKey. */
export function useFailedAttempts() {
  const [attempt, setAttempt] = useState(0);
  return { attempt, failed: () => setAttempt((n) => n + 1) };
}

const noSubscription = () => () => {};
// The server (and hydration) render the summary where it stands; the browser then moves it into the slot.
const findSlot = () => document.getElementById(ERROR_SUMMARY_SLOT);
const noSlot = () => null;

/**
 * NHS-style error summary: first in <main> (above the heading, as the NHS pattern asks, even for a form far
 * down the page), announced, focused after a failed submit (or when rendered by the server), each error
 * linking to its field; while it shows, the page title starts "Error: ".
 */
export function ErrorSummary({ title = "There is a problem", message, fields = {}, idPrefix = "", focusKey }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const slot = useSyncExternalStore(noSubscription, findSlot, noSlot);
  const entries = Object.entries(fields);
  const hasContent = Boolean(message) || entries.length > 0;
  // Focus moves when the summary mounts with errors (a server-rendered page) and after each failed attempt;
  // never as its content changes while fields are corrected, which would steal the keyboard mid-word.
  // The attempt can be counted a render before its errors arrive, so the focus waits for the summary,
  // and for it to reach the slot (the move would drop the focus).
  const pendingFocus = useRef(true);
  useEffect(() => {
    pendingFocus.current = true;
  }, [focusKey]);
  useEffect(() => {
    if (pendingFocus.current && ref.current && (slot || !findSlot())) {
      ref.current.focus();
      pendingFocus.current = false;
    }
  });
  useEffect(() => (hasContent ? holdErrorTitle() : undefined), [hasContent]);
  if (!hasContent) return null;
  const summary = (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby={`${idPrefix}error-summary-title`} className="error-summary mb-6 border-4 border-nhs-red bg-white p-4">
      <h2 id={`${idPrefix}error-summary-title`} className="mb-2 text-lg font-bold">{title}</h2>
      {message && <p className="mb-2">{message}</p>}
      {entries.length > 0 && (
        <ul className="list-none">
          {entries.map(([field, text]) => (
            <li key={field}>
              <a href={`#${idPrefix}${field}`} className="font-bold text-nhs-red">{text}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return slot ? createPortal(summary, slot) : summary;
}
