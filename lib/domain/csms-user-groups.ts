// The CSMS user groups, as the "CSMS job roles" page names them (../shared/DOMAIN.md). The console knows the
// codes of the GP practice group only; the others must be imported, and the catalogue page says plainly which
// groups still have no codes (CSMS refuses their staff at login however the RA sets their workgroup).

export type CsmsUserGroup = { name: string; aliases: readonly string[] };

export const GP_PRACTICE_USER_GROUP = "GP practice staff who manage notification lists";

/** Roles kept in the catalogue only to say "CSMS does not accept this role" (see prisma/seed/job-roles.ts). */
export const NOT_A_CSMS_USER_GROUP = "None (not a CSMS job role)";

export const CSMS_USER_GROUPS: readonly CsmsUserGroup[] = [
  { name: GP_PRACTICE_USER_GROUP, aliases: ["GP practice staff", "GP practice", "GP practices", "PNL"] },
  { name: "Sample takers", aliases: ["Sample taker"] },
  { name: "Laboratories", aliases: ["Laboratory", "Lab", "Labs"] },
  { name: "Colposcopy", aliases: ["Colposcopy and gynaecology", "Colposcopists"] },
  { name: "Programme leads", aliases: ["Programme lead", "Cervical screening provider leads", "CSPL"] },
  { name: "Administration services", aliases: ["Administration service", "CSAS", "Cervical Screening Administration Service"] },
  { name: "Screening Quality Assurance", aliases: ["SQAS", "Quality assurance"] },
];

const key = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

const byKey = new Map<string, string>([
  ...CSMS_USER_GROUPS.flatMap((g) => [g.name, ...g.aliases].map((alias) => [key(alias), g.name] as const)),
  [key(NOT_A_CSMS_USER_GROUP), NOT_A_CSMS_USER_GROUP],
  [key("None"), NOT_A_CSMS_USER_GROUP],
]);

/** The group's name as the catalogue keeps it, or null when the text names no group the console knows. */
export function canonicalUserGroup(text: string): string | null {
  return byKey.get(key(text)) ?? null;
}

/** CSMS user groups none of whose codes CSMS accepts yet, in the page's order. */
export function groupsWithoutCodes(roles: readonly { userGroup: string; csmsAccess: boolean }[]): string[] {
  const loaded = new Set(roles.filter((r) => r.csmsAccess).map((r) => canonicalUserGroup(r.userGroup) ?? r.userGroup));
  return CSMS_USER_GROUPS.map((g) => g.name).filter((name) => !loaded.has(name));
}
