export type RawSearchParams = Record<string, string | string[] | undefined>;

/** A page's query as plain strings: a repeated parameter is ambiguous, so it is dropped rather than guessed. */
export function singleValues(params: RawSearchParams): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
