/** Outcome of parsing user input: the clean value, or a message that tells the user what to fix. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
