import { forwardRef, type InputHTMLAttributes } from "react";
import { TextField } from "@/components/forms/text-field";

type Props = InputHTMLAttributes<HTMLInputElement> & { name: string; id: string; label: string; hint: string; error?: string };

/** A UK date typed as day/month/year; the shared schema reads it as a day in Europe/London. */
export const EndDateField = forwardRef<HTMLInputElement, Props>(function EndDateField(props, ref) {
  return <TextField ref={ref} inputMode="numeric" autoComplete="off" maxLength={10} className="input w-40" {...props} />;
});
