import type { InputHTMLAttributes, Ref } from "react";
import { DATE_PARTS, type DatePart } from "@/lib/domain/date-parts";

type PartInput = InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> };
type Props = {
  /** The error summary links here: it lands on the first wrong box (the day box when none is marked). */
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  /** The boxes to mark; with an error and none named, all three (the date as a whole is wrong). */
  wrongParts?: DatePart[];
  inputs: Record<DatePart, PartInput>;
};

const labels: Record<DatePart, string> = { day: "Day", month: "Month", year: "Year" };

/** The NHS date input: a fieldset of day, month and year boxes, no calendar picker, no mm/dd/yyyy guess. */
export function DateInput({ id, legend, hint = "For example, 27 3 2027", error, wrongParts = [], inputs }: Props) {
  const marked = error ? (wrongParts.length > 0 ? wrongParts : DATE_PARTS) : [];
  const target = marked[0] ?? "day";
  const inputId = (part: DatePart) => (part === target ? id : `${id}-${part}`);
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`mb-5 ${error ? "border-l-4 border-nhs-red pl-3" : ""}`}>
      <fieldset role="group" aria-describedby={describedBy}>
        <legend className="label">{legend}</legend>
        {hint && <span id={`${id}-hint`} className="hint">{hint}</span>}
        {error && <span id={`${id}-error`} className="field-error">Error: {error}</span>}
        <div className="flex flex-wrap gap-4">
          {DATE_PARTS.map((part) => (
            <div key={part}>
              <label htmlFor={inputId(part)} className="block">{labels[part]}</label>
              <input
                id={inputId(part)}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                spellCheck={false}
                maxLength={part === "year" ? 4 : 2}
                aria-invalid={marked.includes(part) ? true : undefined}
                className={`input ${part === "year" ? "w-[4.5em]" : "w-[3em]"}`}
                {...inputs[part]}
              />
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
