import { forwardRef, type TextareaHTMLAttributes } from "react";
import { describedBy, FieldFrame } from "./field";

type Props = TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string; label: string; hint?: string; error?: string };

export const TextArea = forwardRef<HTMLTextAreaElement, Props>(function TextArea({ name, label, hint, error, id, ...rest }, ref) {
  const inputId = id ?? name;
  return (
    <FieldFrame id={inputId} label={label} hint={hint} error={error}>
      <textarea ref={ref} id={inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(inputId, hint, error)} className="input max-w-xl" {...rest} />
    </FieldFrame>
  );
});
