import type { ReactNode } from "react";

/** A native details/summary: keyboard and screen-reader friendly without script. */
export function Disclosure({ summary, label, children }: { summary: string; label: string; children: ReactNode }) {
  return (
    <details className="mt-1">
      <summary className="cursor-pointer font-bold text-nhs-blue underline" aria-label={label}>{summary}</summary>
      <div className="border-l-4 border-nhs-border pl-3">{children}</div>
    </details>
  );
}
