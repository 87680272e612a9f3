import { forwardRef, type InputHTMLAttributes } from "react";
import { describedBy, FieldFrame } from "./field";

type Props = InputHTMLAttributes<HTMLInputElement> & { name: string; label: string; hint?: string; error?: string };

/** A labelled input with its hint and error tied to it for screen readers; id = name for error-summary links. */
export const TextField = forwardRef<HTMLInputElement, Props>(function TextField({ name, label, hint, error, id, className, ...rest }, ref) {
  const inputId = id ?? name;
  return (
    <FieldFrame id={inputId} label={label} hint={hint} error={error} className="mb-5">
      <input ref={ref} id={inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(inputId, hint, error)} className={className ?? "input"} {...rest} />
    </FieldFrame>
  );
});
