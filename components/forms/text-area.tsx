import { forwardRef, type TextareaHTMLAttributes } from "react";

type Props = TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string; label: string; hint?: string; error?: string };

export const TextArea = forwardRef<HTMLTextAreaElement, Props>(function TextArea({ name, label, hint, error, id, ...rest }, ref) {
  const inputId = id ?? name;
  const describedBy = [hint && `${inputId}-hint`, error && `${inputId}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="mb-4">
      <label htmlFor={inputId} className="label">{label}</label>
      {hint && <span id={`${inputId}-hint`} className="hint">{hint}</span>}
      {error && <span id={`${inputId}-error`} className="field-error">Error: {error}</span>}
      <textarea ref={ref} id={inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className="input max-w-xl" {...rest} />
    </div>
  );
});
