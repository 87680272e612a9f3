import "server-only";
import type { Tx } from "./db";
import { auditedChange, type Actor, type Safeguards } from "./audited";
import { findPersonProfile } from "./people";
import { igWarnings, type Grant } from "@/lib/domain/ig-guard";
import { alreadyExists, badInput, igWarning, notFound, versionConflict } from "@/lib/errors";

type Change = {
  smartcardId: string;
  odsCode: string;
  reason: string;
  requestId?: string;
  version: number;
  // Grants only: the officer saw the IG warning and said why the access is needed anyway.
  acknowledgeWarning?: boolean;
  justification?: string;
  // Checked by the caller (identity confirmed for the request, who asked for it); kept on the audit event.
  safeguards?: Safeguards;
  // The asked-for change this carries out: marked applied in the same transaction.
  pendingChangeId?: string;
};
export type RoleChange = Change & { roleCode: string };
export type WorkgroupChange = Change;

/**
 * The IG guard runs inside the transaction, on the facts the grant is made against: a warned grant
 * goes ahead only with an acknowledgement and a justification, which join the audit event.
 */
async function guardGrant(tx: Tx, change: Change, grant: Grant): Promise<Safeguards | null> {
  const profile = await findPersonProfile(change.smartcardId, tx);
  const warnings = profile ? igWarnings(profile.verdictInput, grant).map((w) => w.message) : [];
  const base = change.safeguards ?? null;
  if (warnings.length === 0) return base;
  if (!change.acknowledgeWarning || !change.justification) throw igWarning(warnings);
  return { ...base, igWarning: { warnings, justification: change.justification } };
}

async function markApplied(tx: Tx, actor: Actor, change: Change) {
  if (!change.pendingChangeId) return;
  const done = await tx.pendingChange.updateMany({
    where: { id: change.pendingChangeId, status: "pending" },
    data: { status: "applied", decidedById: actor.id, decidedAt: new Date(), decisionReason: change.reason },
  });
  if (done.count !== 1) throw alreadyExists("That asked-for change has already been decided.");
}

const WORKGROUP = "cervicalscreening";

/** Loads what a change touches and claims the person's version, so a change from a stale page writes nothing. */
async function loadTarget(tx: Tx, change: Change) {
  const person = await tx.person.findUnique({ where: { smartcardId: change.smartcardId } });
  if (!person) throw notFound(`No Care Identity profile with smartcard ID ${change.smartcardId}.`);
  const organisation = await tx.organisation.findUnique({ where: { odsCode: change.odsCode } });
  if (!organisation) {
    throw badInput("Check the organisation.", { odsCode: `No organisation with ODS code ${change.odsCode} is known to the console.` });
  }
  const position = await tx.position.findUnique({
    where: { personId_organisationId: { personId: person.id, organisationId: organisation.id } },
    include: {
      roles: { where: { endedAt: null }, select: { id: true, roleCode: true } },
      workgroups: { where: { endedAt: null, workgroup: WORKGROUP }, select: { id: true } },
    },
  });
  if (!position) {
    throw badInput("Check the organisation.", {
      odsCode: `${person.name} has no position at ${organisation.odsCode} (${organisation.name}).`,
    });
  }
  const claimed = await tx.person.updateMany({
    where: { id: person.id, version: change.version },
    data: { version: { increment: 1 } },
  });
  if (claimed.count !== 1) throw versionConflict();

  const state = {
    roles: position.roles.map((r) => r.roleCode).sort(),
    cervicalScreeningWorkgroup: position.workgroups.length > 0,
  };
  const snapshot = {
    personId: person.id,
    smartcardId: person.smartcardId,
    personName: person.name,
    odsCode: organisation.odsCode,
    orgName: organisation.name,
    reason: change.reason,
    requestId: change.requestId ?? null,
  };
  return { person, position, state, snapshot };
}

async function csmsJobRole(tx: Tx, roleCode: string) {
  const role = await tx.jobRole.findUnique({ where: { code: roleCode } });
  if (!role || !role.csmsAccess) {
    throw badInput("Check the job role.", { roleCode: `${roleCode} is not a CSMS job role in the catalogue.` });
  }
  return role;
}

export function addRole(actor: Actor, change: RoleChange): Promise<void> {
  return auditedChange(actor, async (tx) => {
    const role = await csmsJobRole(tx, change.roleCode);
    const { position, state, snapshot } = await loadTarget(tx, change);
    if (state.roles.includes(role.code)) {
      throw alreadyExists(`${role.code} ${role.name} is already held at ${snapshot.odsCode}.`);
    }
    const safeguards = await guardGrant(tx, change, { kind: "add_role", odsCode: change.odsCode, roleCode: role.code });
    await tx.roleAssignment.create({
      data: {
        positionId: position.id,
        roleCode: role.code,
        grantedById: actor.id,
        grantReason: change.reason,
        requestId: change.requestId ?? null,
      },
    });
    const after = { ...state, roles: [...state.roles, role.code].sort() };
    return {
      result: undefined,
      audit: { action: "role.added", ...snapshot, roleCode: role.code, roleName: role.name, before: state, after, safeguards },
    };
  });
}

export function removeRole(actor: Actor, change: RoleChange): Promise<void> {
  return auditedChange(actor, async (tx) => {
    const { position, state, snapshot } = await loadTarget(tx, change);
    const grant = position.roles.find((r) => r.roleCode === change.roleCode);
    if (!grant) throw notFound(`${change.roleCode} is not held at ${snapshot.odsCode}.`);
    await tx.roleAssignment.update({
      where: { id: grant.id },
      data: { endedAt: new Date(), endedById: actor.id, endReason: change.reason },
    });
    const role = await tx.jobRole.findUnique({ where: { code: change.roleCode }, select: { name: true } });
    const after = { ...state, roles: state.roles.filter((code) => code !== change.roleCode) };
    return {
      result: undefined,
      audit: { action: "role.removed", ...snapshot, roleCode: change.roleCode, roleName: role?.name ?? null, before: state, after, safeguards: change.safeguards ?? null },
    };
  });
}

export function addWorkgroup(actor: Actor, change: WorkgroupChange): Promise<void> {
  return auditedChange(actor, async (tx) => {
    const { position, state, snapshot } = await loadTarget(tx, change);
    if (state.cervicalScreeningWorkgroup) {
      throw alreadyExists(`The cervicalscreening workgroup is already held at ${snapshot.odsCode}.`);
    }
    const safeguards = await guardGrant(tx, change, { kind: "add_workgroup", odsCode: change.odsCode });
    await markApplied(tx, actor, change);
    await tx.workgroupMembership.create({
      data: {
        positionId: position.id,
        workgroup: WORKGROUP,
        grantedById: actor.id,
        grantReason: change.reason,
        requestId: change.requestId ?? null,
      },
    });
    return {
      result: undefined,
      audit: { action: "workgroup.added", ...snapshot, before: state, after: { ...state, cervicalScreeningWorkgroup: true }, safeguards },
    };
  });
}

export function removeWorkgroup(actor: Actor, change: WorkgroupChange): Promise<void> {
  return auditedChange(actor, async (tx) => {
    const { position, state, snapshot } = await loadTarget(tx, change);
    const membership = position.workgroups[0];
    if (!membership) throw notFound(`The cervicalscreening workgroup is not held at ${snapshot.odsCode}.`);
    await markApplied(tx, actor, change);
    await tx.workgroupMembership.update({
      where: { id: membership.id },
      data: { endedAt: new Date(), endedById: actor.id, endReason: change.reason },
    });
    return {
      result: undefined,
      audit: { action: "workgroup.removed", ...snapshot, before: state, after: { ...state, cervicalScreeningWorkgroup: false }, safeguards: change.safeguards ?? null },
    };
  });
}
