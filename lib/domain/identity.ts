// Does the person asking look like the person whose profile the smartcard ID opens? A match is only
// consistency (a form or an email proves nothing about who sent it); anything else needs the RA to
// confirm identity another way before changing the profile.

export type IdentityState = "match" | "mismatch" | "no_profile_email" | "no_profile";
export type IdentityField = "email" | "name";
export type IdentityCheck = { state: IdentityState; fields: IdentityField[] };

export const IDENTITY_METHODS = {
  sponsor_or_line_manager: "Confirmed with their sponsor or line manager",
  in_person_photo_id: "Seen in person with photo ID",
  call_back_switchboard: "Called back through the organisation's switchboard",
} as const;
export type IdentityMethod = keyof typeof IDENTITY_METHODS;

const TITLES = new Set(["dr", "doctor", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sister", "nurse", "sir", "dame", "rev"]);

/** Lower case, accents and punctuation gone, titles dropped: "Dr. Siân O'Brien" -> ["sian", "obrien"]. */
export function nameTokens(name: string): string[] {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’.]/g, "")
    .split(/[^a-z]+/)
    .filter((t) => t !== "" && !TITLES.has(t));
}

/**
 * Same person by name when the first and last names agree, whatever sits between (middle names) and
 * in either order "Surname, Forename" or "Forename Surname". An initial is not enough.
 */
export function sameName(a: string, b: string): boolean {
  const x = nameTokens(a);
  const y = nameTokens(b);
  if (x.length === 0 || y.length === 0) return false;
  const ends = (t: string[]) => new Set([t[0]!, t[t.length - 1]!]);
  const ex = ends(x);
  const ey = ends(y);
  if (ex.size !== ey.size) return x.length === 1 && y.length === 1 ? x[0] === y[0] : false;
  return [...ex].every((t) => t.length > 1 && ey.has(t));
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function identityCheck(requester: { name: string; email: string }, profile: { name: string; email: string | null } | null): IdentityCheck {
  if (!profile) return { state: "no_profile", fields: [] };
  const fields: IdentityField[] = [];
  if (profile.email !== null && normaliseEmail(profile.email) !== normaliseEmail(requester.email)) fields.push("email");
  if (!sameName(requester.name, profile.name)) fields.push("name");
  if (fields.length > 0) return { state: "mismatch", fields };
  if (profile.email === null) return { state: "no_profile_email", fields: ["email"] };
  return { state: "match", fields: [] };
}

/** For the officer: what differs, without echoing the profile's details into a reply. */
export function describeIdentity(check: IdentityCheck): string {
  switch (check.state) {
    case "match":
      return "The requester's name and email match the profile.";
    case "no_profile":
      return "No Care Identity profile to compare the requester with.";
    case "no_profile_email":
      return "The profile has no email address, so the requester's email cannot be checked: confirm their identity before changing it.";
    case "mismatch": {
      const what = check.fields.map((f) => (f === "email" ? "email address" : "name")).join(" and ");
      return `The requester's ${what} ${check.fields.length > 1 ? "differ" : "differs"} from the profile: confirm their identity before changing it, or reject the request.`;
    }
  }
}
