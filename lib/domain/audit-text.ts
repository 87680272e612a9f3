// Plain words for change-log entries, from the snapshot stored with each event.
export const auditActions = {
  "role.added": "Job role added",
  "role.removed": "Job role removed",
  "workgroup.added": "Workgroup added",
  "workgroup.removed": "Workgroup removed",
  "seed.baseline": "Demo data loaded (starting point of the change log)",
  "request.created": "Request received",
  "request.updated": "Request updated",
  "request.identity_confirmed": "Requester's identity confirmed",
  "request.note_added": "Internal note added to a request",
  "request.requester_replied": "Requester replied",
  "request.split": "Request split into one request per person",
  "email.retried": "Failed email queued again",
  "change.proposed": "Change proposed for approval",
  "change.rejected": "Proposed change rejected",
  "job_role.added": "Job role added to the catalogue",
  "job_role.updated": "Job role catalogue entry changed",
  "console_user.added": "Console user added",
  "console_user.updated": "Console user changed",
  "console_user.identity_linked": "Care Identity linked",
  "console_user.signed_out_everywhere": "Signed out everywhere",
  "role.expired": "Job role expired",
  "workgroup.expired": "Workgroup expired",
  "role.end_date_changed": "Job role end date changed",
  "workgroup.end_date_changed": "Workgroup end date changed",
  "role.recertified": "Job role re-certified",
  "workgroup.recertified": "Workgroup re-certified",
  "change.expired": "Pending change expired",
  "security.sign_in": "Signed in",
  "security.sign_out": "Signed out",
  "security.sign_in_failed": "Sign-in failed",
  "security.access_denied": "Access refused",
  "organisation.workgroup_created": "Organisation's cervicalscreening workgroup created",
  "organisation.created": "Organisation added (ODS import)",
  "organisation.renamed": "Organisation renamed (ODS import)",
  "organisation.closed": "Organisation closed (ODS import)",
  "organisation.reopened": "Organisation reopened (ODS import)",
  "organisation.groups_changed": "Organisation moved between groups (ODS import)",
} as const;

export type AuditAction = keyof typeof auditActions;

export type AuditFacts = {
  action: string;
  odsCode: string | null;
  roleCode: string | null;
  roleName: string | null;
};

export function describeAuditEvent(e: AuditFacts): string {
  const role = [e.roleCode, e.roleName].filter(Boolean).join(" ");
  const at = e.odsCode ? ` at ${e.odsCode}` : "";
  switch (e.action) {
    case "role.added":
      return `Added job role ${role}${at}`;
    case "role.removed":
      return `Removed job role ${role}${at}`;
    case "workgroup.added":
      return `Added the cervicalscreening workgroup${at}`;
    case "workgroup.removed":
      return `Removed the cervicalscreening workgroup${at}`;
    default:
      return e.action in auditActions ? auditActions[e.action as AuditAction] : e.action;
  }
}

type Snapshot = { roles?: unknown; cervicalScreeningWorkgroup?: unknown; [key: string]: unknown };

function parseSnapshot(json: string | null): Snapshot | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Snapshot) : null;
  } catch {
    return null;
  }
}

const roleList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** The before/after difference of an event in plain words, one line per thing that changed. */
export function describeDiff(before: string | null, after: string | null): string[] {
  const b = parseSnapshot(before);
  const a = parseSnapshot(after);
  if (!b && !a) return [];
  const lines: string[] = [];
  const bRoles = roleList(b?.roles);
  const aRoles = roleList(a?.roles);
  for (const code of aRoles.filter((c) => !bRoles.includes(c))) lines.push(`Job role ${code}: not held → held`);
  for (const code of bRoles.filter((c) => !aRoles.includes(c))) lines.push(`Job role ${code}: held → not held`);
  const bWg = b?.cervicalScreeningWorkgroup;
  const aWg = a?.cervicalScreeningWorkgroup;
  if (typeof bWg === "boolean" && typeof aWg === "boolean" && bWg !== aWg) {
    lines.push(`cervicalscreening workgroup: ${bWg ? "member" : "not a member"} → ${aWg ? "member" : "not a member"}`);
  }
  for (const key of new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])) {
    if (key === "roles" || key === "cervicalScreeningWorkgroup") continue;
    const from = JSON.stringify(b?.[key] ?? null);
    const to = JSON.stringify(a?.[key] ?? null);
    if (from !== to) lines.push(`${key}: ${from} → ${to}`);
  }
  return lines;
}
