import type { z } from "zod";
import { badInput } from "@/lib/errors";

/** Flattens zod issues into one message per field, as forms and the API error JSON show them. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Parses untrusted input with its schema, or fails with a 400 naming each field to fix. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badInput("Check the highlighted fields and try again.", fieldErrors(parsed.error));
  return parsed.data;
}
