"use client";

import { useEffect, useRef } from "react";

type Props = { title?: string; message?: string; fields?: Record<string, string>; idPrefix?: string };

// Focus moves to the summary whenever what it says changes, including a resubmit with the same number of errors.

/** NHS-style error summary: announced, focused when it appears, each error linking to its field. */
export function ErrorSummary({ title = "There is a problem", message, fields = {}, idPrefix = "" }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(fields);
  const said = `${message ?? ""}|${entries.map(([k, v]) => `${k}:${v}`).join("|")}`;
  useEffect(() => {
    if (said !== "|") ref.current?.focus();
  }, [said]);
  if (!message && entries.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby={`${idPrefix}error-summary-title`} className="mb-6 border-4 border-nhs-red bg-white p-4">
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
}
