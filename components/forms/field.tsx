import type { ReactNode } from "react";

type FrameProps = { id: string; label: string; hint?: string; error?: string; className?: string; children: ReactNode };

/** The ids a control's aria-describedby names: its hint and its error, when shown. */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
}

/** Label, hint and error around one control, NHS-style; the control's id is what error-summary links target. */
export function FieldFrame({ id, label, hint, error, className = "mb-4", children }: FrameProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className="label">{label}</label>
      {hint && <span id={`${id}-hint`} className="hint">{hint}</span>}
      {error && <span id={`${id}-error`} className="field-error">Error: {error}</span>}
      {children}
    </div>
  );
}
