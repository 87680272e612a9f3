import type { Parsed } from "./result";

export type OdsKind = "gp_practice" | "pcn" | "trust" | "trust_site" | "other";

const SHAPE_MESSAGE =
  "An ODS code is letters and digits, e.g. A81001 for a GP practice, U12345 for a PCN, RXX for a trust";

// Order matters: a PCN code (U12345) also has the GP practice shape, so it is tested first.
const PATTERNS: readonly (readonly [OdsKind, RegExp])[] = [
  ["pcn", /^U\d{5}$/],
  ["gp_practice", /^[A-Z]\d{5}$/],
  ["trust", /^[A-Z][A-Z0-9]{2}$/],
  ["trust_site", /^[A-Z][A-Z0-9]{4}$/],
  // Other bodies (commissioners such as 00K, cost centres such as ALD200) have their own patterns.
  // At least one letter is required: a bare number is far more likely a smartcard ID or phone
  // number typed into the wrong field than an organisation.
  ["other", /^(?=[A-Z0-9]*[A-Z])[A-Z0-9]{3,10}$/],
];

/**
 * Checks the shape of an ODS code and says what kind of organisation the shape suggests. Whether the
 * organisation exists is a question for the organisation table, not for this function.
 */
export function parseOdsCode(input: string): Parsed<{ code: string; kind: OdsKind }> {
  const trimmed = input.trim();
  if (trimmed === "") return { ok: false, message: "Enter an ODS code" };
  // Checked before upper-casing: toUpperCase turns some non-ASCII letters (e.g. the "ﬀ" ligature)
  // into ASCII ones, which would let a garbled paste through as a valid-looking code.
  if (!/^[A-Za-z0-9]+$/.test(trimmed)) return { ok: false, message: SHAPE_MESSAGE };
  const code = trimmed.toUpperCase();
  for (const [kind, pattern] of PATTERNS) {
    if (pattern.test(code)) return { ok: true, value: { code, kind } };
  }
  return { ok: false, message: SHAPE_MESSAGE };
}
