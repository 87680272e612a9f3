import { forwardRef, type SelectHTMLAttributes } from "react";

type Props = SelectHTMLAttributes<HTMLSelectElement> & { name: string; label: string; hint?: string; error?: string };

export const SelectField = forwardRef<HTMLSelectElement, Props>(function SelectField({ name, label, hint, error, id, children, ...rest }, ref) {
  const inputId = id ?? name;
  const describedBy = [hint && `${inputId}-hint`, error && `${inputId}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="mb-4">
      <label htmlFor={inputId} className="label">{label}</label>
      {hint && <span id={`${inputId}-hint`} className="hint">{hint}</span>}
      {error && <span id={`${inputId}-error`} className="field-error">Error: {error}</span>}
      <select ref={ref} id={inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className="input" {...rest}>
        {children}
      </select>
    </div>
  );
});
