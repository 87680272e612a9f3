import { forwardRef, type SelectHTMLAttributes } from "react";
import { describedBy, FieldFrame } from "./field";

type Props = SelectHTMLAttributes<HTMLSelectElement> & { name: string; label: string; hint?: string; error?: string };

export const SelectField = forwardRef<HTMLSelectElement, Props>(function SelectField({ name, label, hint, error, id, children, ...rest }, ref) {
  const inputId = id ?? name;
  return (
    <FieldFrame id={inputId} label={label} hint={hint} error={error}>
      <select ref={ref} id={inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(inputId, hint, error)} className="input" {...rest}>
        {children}
      </select>
    </FieldFrame>
  );
});
