// Plain words for a change-log entry, from the snapshot stored with the event.
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
      return e.action;
  }
}
