import type { UseFormRegisterReturn } from "react-hook-form";
import { DateInput } from "@/components/forms/date-input";
import { readDateParts, type DatePart, type DateParts } from "@/lib/domain/date-parts";

type Props = {
  id: string;
  legend: string;
  hint: string;
  error?: string;
  /** What the boxes hold now: the same reading as the schema's marks the wrong ones. */
  value: DateParts | undefined;
  register: (part: DatePart) => UseFormRegisterReturn;
};

/** A grant's end date in the NHS date input; the shared schema reads it as a day in Europe/London. */
export function EndDateField({ id, legend, hint, error, value, register }: Props) {
  const read = readDateParts(value ?? {}, legend);
  return (
    <DateInput
      id={id}
      legend={legend}
      hint={hint}
      error={error}
      wrongParts={read.ok ? [] : read.parts}
      inputs={{ day: register("day"), month: register("month"), year: register("year") }}
    />
  );
}
