import { ukDate, ukDateTime } from "@/lib/dates";

/** An instant as people read it ("25 November 2026, 5:24pm", UK time), with its exact ISO value for machines. */
export function UkDateTime({ at }: { at: Date }) {
  return <time dateTime={at.toISOString()}>{ukDateTime(at)}</time>;
}

/** The UK day an instant falls on ("25 November 2026"), with its exact ISO value for machines. */
export function UkDate({ at }: { at: Date }) {
  return <time dateTime={at.toISOString()}>{ukDate(at)}</time>;
}
