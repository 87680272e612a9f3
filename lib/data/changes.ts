import "server-only";
import type { Tx } from "./db";
import { auditedChange, type Actor } from "./audited";
import { alreadyExists, badInput, notFound, versionConflict } from "@/lib/errors";

type Change = { smartcardId: string; odsCode: string; reason: string; requestId?: string; version: number };
export type RoleChange = Change & { roleCode: string };
export type WorkgroupChange = Change;

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
      audit: { action: "role.added", ...snapshot, roleCode: role.code, roleName: role.name, before: state, after },
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
      audit: { action: "role.removed", ...snapshot, roleCode: change.roleCode, roleName: role?.name ?? null, before: state, after },
    };
  });
}

export function addWorkgroup(actor: Actor, change: WorkgroupChange): Promise<void> {
  return auditedChange(actor, async (tx) => {
    const { position, state, snapshot } = await loadTarget(tx, change);
    if (state.cervicalScreeningWorkgroup) {
      throw alreadyExists(`The cervicalscreening workgroup is already held at ${snapshot.odsCode}.`);
    }
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
      audit: { action: "workgroup.added", ...snapshot, before: state, after: { ...state, cervicalScreeningWorkgroup: true } },
    };
  });
}

export function removeWorkgroup(actor: Actor, change: WorkgroupChange): Promise<void> {
  return auditedChange(actor, async (tx) => {
    const { position, state, snapshot } = await loadTarget(tx, change);
    const membership = position.workgroups[0];
    if (!membership) throw notFound(`The cervicalscreening workgroup is not held at ${snapshot.odsCode}.`);
    await tx.workgroupMembership.update({
      where: { id: membership.id },
      data: { endedAt: new Date(), endedById: actor.id, endReason: change.reason },
    });
    return {
      result: undefined,
      audit: { action: "workgroup.removed", ...snapshot, before: state, after: { ...state, cervicalScreeningWorkgroup: false } },
    };
  });
}
