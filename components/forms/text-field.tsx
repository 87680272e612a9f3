import { forwardRef, type InputHTMLAttributes } from "react";

type Props = InputHTMLAttributes<HTMLInputElement> & { name: string; label: string; hint?: string; error?: string };

/** A labelled input with its hint and error tied to it for screen readers; id = name for error-summary links. */
export const TextField = forwardRef<HTMLInputElement, Props>(function TextField({ name, label, hint, error, id, className, ...rest }, ref) {
  const inputId = id ?? name;
  const describedBy = [hint && `${inputId}-hint`, error && `${inputId}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="mb-5">
      <label htmlFor={inputId} className="label">{label}</label>
      {hint && <span id={`${inputId}-hint`} className="hint">{hint}</span>}
      {error && <span id={`${inputId}-error`} className="field-error">Error: {error}</span>}
      <input ref={ref} id={inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={className ?? "input"} {...rest} />
    </div>
  );
});
