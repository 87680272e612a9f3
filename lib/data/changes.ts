import "server-only";
import type { Tx } from "./db";
import { auditedChange, type Actor, type AuditDraft, type Safeguards, type SystemEvent, type WriteOptions } from "./audited";
import { expireLapsedAt } from "./grant-expiry";
import { findPersonProfile } from "./people";
import { reviewDue } from "@/lib/domain/grant-dates";
import { igWarnings, type Grant } from "@/lib/domain/ig-guard";
import type { VerdictInput } from "@/lib/domain/verdict";
import { NO_ORG_WORKGROUP_FIELD } from "@/lib/domain/fix";
import { alreadyExists, badInput, igWarning, notFound, versionConflict } from "@/lib/errors";

type Change = {
  smartcardId: string;
  odsCode: string;
  reason: string;
  requestId?: string;
  version: number;
  // Grants only: when the grant stops counting (00:00 UK time on its end date); none for open-ended.
  endsAt?: Date | null;
  // Grants only: the officer saw the IG warning and said why the access is needed anyway.
  acknowledgeWarning?: boolean;
  justification?: string;
  // Checked by the caller (identity confirmed for the request, a second person's approval); kept on the audit event.
  safeguards?: Safeguards;
  // The pending change this carries out: marked approved in the same transaction.
  pendingChangeId?: string;
  // A bulk row: the person's facts at `version`, as the caller planned the row. The version claim proves the
  // person's grants are still exactly these, so the IG guard uses them instead of reading the profile again.
  plannedFacts?: VerdictInput;
};
export type RoleChange = Change & { roleCode: string };
export type WorkgroupChange = Change;

const WORKGROUP = "cervicalscreening";

/**
 * The IG guard runs inside the transaction, on the facts the grant is made against: a warned grant
 * goes ahead only with an acknowledgement and a justification, which join the audit event.
 */
async function guardGrant(tx: Tx, change: Change, grant: Grant, expired: SystemEvent[]): Promise<Safeguards | null> {
  // Planned facts hold only while nothing lapsed in this transaction: an expiry changed the grants after the claim.
  const facts = change.plannedFacts && expired.length === 0 ? change.plannedFacts : (await findPersonProfile(change.smartcardId, tx))?.verdictInput;
  const warnings = facts ? igWarnings(facts, grant).map((w) => w.message) : [];
  const base = change.safeguards ?? null;
  if (warnings.length === 0) return base;
  if (!change.acknowledgeWarning || !change.justification) throw igWarning(warnings);
  return { ...base, igWarning: { warnings, justification: change.justification } };
}

async function markApproved(tx: Tx, actor: Actor, change: Change) {
  if (!change.pendingChangeId) return;
  const done = await tx.pendingChange.updateMany({
    where: { id: change.pendingChangeId, status: "pending" },
    data: { status: "approved", decidedById: actor.id, decidedAt: new Date() },
  });
  if (done.count !== 1) throw alreadyExists("That change has already been decided.");
}

/** Loads what a change touches and claims the person's version, so a change from a stale page writes nothing. */
async function loadTarget(tx: Tx, change: Change) {
  const person = await tx.person.findUnique({ where: { smartcardId: change.smartcardId } });
  if (!person) throw notFound(`No Care Identity profile with smartcard ID ${change.smartcardId}.`);
  const organisation = await tx.organisation.findUnique({ where: { odsCode: change.odsCode } });
  if (!organisation) {
    throw badInput("Check the organisation.", { odsCode: `No organisation with ODS code ${change.odsCode} is known to the console.` });
  }
  const where = { personId_organisationId: { personId: person.id, organisationId: organisation.id } };
  const grants = {
    roles: { where: { endedAt: null }, select: { id: true, roleCode: true, endsAt: true } },
    workgroups: { where: { endedAt: null, workgroup: WORKGROUP }, select: { id: true, endsAt: true } },
  } as const;
  // Read before the claim: the claimed version proves nobody changed these grants in between.
  let position = await tx.position.findUnique({ where, include: grants });
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

  // A grant whose end date has begun no longer counts; one the expiry run has not reached yet is ended
  // here first, as the system, so the change starts from what CSMS sees and the log matches the database.
  const now = new Date();
  const lapsed = [...position.roles, ...position.workgroups].some((g) => g.endsAt !== null && g.endsAt <= now);
  const expired = lapsed ? await expireLapsedAt(tx, position.id, person, now) : [];
  if (expired.length > 0) position = await tx.position.findUniqueOrThrow({ where, include: grants });
  const { roles, workgroups } = position;
  const state = { roles: roles.map((r) => r.roleCode).sort(), cervicalScreeningWorkgroup: workgroups.length > 0 };
  const snapshot = {
    personId: person.id,
    smartcardId: person.smartcardId,
    personName: person.name,
    odsCode: organisation.odsCode,
    orgName: organisation.name,
    reason: change.reason,
    requestId: change.requestId ?? null,
  };
  return { person, organisation, position, roles, workgroups, expired, state, snapshot };
}

/** The change's own event, after the expiries its transaction found due. */
const withExpiries = (expired: SystemEvent[], audit: AuditDraft) => ({ result: undefined, audit, earlier: expired });

async function csmsJobRole(tx: Tx, roleCode: string) {
  const role = await tx.jobRole.findUnique({ where: { code: roleCode } });
  if (!role || !role.csmsAccess) {
    throw badInput("Check the job role.", { roleCode: `${roleCode} is not a CSMS job role in the catalogue.` });
  }
  return role;
}

const endDateOf = (change: Change) => (change.endsAt ? { endsAt: change.endsAt.toISOString() } : {});

export function addRole(actor: Actor, change: RoleChange, options: WriteOptions = {}): Promise<void> {
  return auditedChange(
    actor,
    async (tx) => {
      const role = await csmsJobRole(tx, change.roleCode);
      const { position, expired, state, snapshot } = await loadTarget(tx, change);
      if (state.roles.includes(role.code)) {
        throw alreadyExists(`${role.code} ${role.name} is already held at ${snapshot.odsCode}.`);
      }
      const safeguards = await guardGrant(tx, change, { kind: "add_role", odsCode: change.odsCode, roleCode: role.code }, expired);
      await markApproved(tx, actor, change);
      await tx.roleAssignment.create({
        data: {
          positionId: position.id,
          roleCode: role.code,
          grantedById: actor.id,
          grantReason: change.reason,
          requestId: change.requestId ?? null,
          endsAt: change.endsAt ?? null,
        },
      });
      const after = { ...state, roles: [...state.roles, role.code].sort(), ...endDateOf(change) };
      return withExpiries(expired, { action: "role.added", ...snapshot, roleCode: role.code, roleName: role.name, before: state, after, safeguards });
    },
    options,
  );
}

export function removeRole(actor: Actor, change: RoleChange, options: WriteOptions = {}): Promise<void> {
  return auditedChange(
    actor,
    async (tx) => {
      const { roles, expired, state, snapshot } = await loadTarget(tx, change);
      const grant = roles.find((r) => r.roleCode === change.roleCode);
      if (!grant) throw notFound(`${change.roleCode} is not held at ${snapshot.odsCode}.`);
      await markApproved(tx, actor, change);
      await tx.roleAssignment.update({
        where: { id: grant.id },
        data: { endedAt: new Date(), endedById: actor.id, endReason: change.reason },
      });
      const role = await tx.jobRole.findUnique({ where: { code: change.roleCode }, select: { name: true } });
      const after = { ...state, roles: state.roles.filter((code) => code !== change.roleCode) };
      return withExpiries(expired, { action: "role.removed", ...snapshot, roleCode: change.roleCode, roleName: role?.name ?? null, before: state, after, safeguards: change.safeguards ?? null });
    },
    options,
  );
}

export function addWorkgroup(actor: Actor, change: WorkgroupChange, options: WriteOptions = {}): Promise<void> {
  return auditedChange(
    actor,
    async (tx) => {
      const { organisation, position, expired, state, snapshot } = await loadTarget(tx, change);
      if (state.cervicalScreeningWorkgroup) {
        throw alreadyExists(`The cervicalscreening workgroup is already held at ${snapshot.odsCode}.`);
      }
      // Checked again here, on the facts the grant is made against, for every path that reaches it.
      if (!organisation.workgroupCreatedAt) {
        throw badInput("Check the organisation.", { odsCode: NO_ORG_WORKGROUP_FIELD });
      }
      const safeguards = await guardGrant(tx, change, { kind: "add_workgroup", odsCode: change.odsCode }, expired);
      await markApproved(tx, actor, change);
      await tx.workgroupMembership.create({
        data: {
          positionId: position.id,
          workgroup: WORKGROUP,
          grantedById: actor.id,
          grantReason: change.reason,
          requestId: change.requestId ?? null,
          endsAt: change.endsAt ?? null,
        },
      });
      const after = { ...state, cervicalScreeningWorkgroup: true, ...endDateOf(change) };
      return withExpiries(expired, { action: "workgroup.added", ...snapshot, before: state, after, safeguards });
    },
    options,
  );
}

export function removeWorkgroup(actor: Actor, change: WorkgroupChange, options: WriteOptions = {}): Promise<void> {
  return auditedChange(
    actor,
    async (tx) => {
      const { workgroups, expired, state, snapshot } = await loadTarget(tx, change);
      const membership = workgroups[0];
      if (!membership) throw notFound(`The cervicalscreening workgroup is not held at ${snapshot.odsCode}.`);
      await markApproved(tx, actor, change);
      await tx.workgroupMembership.update({
        where: { id: membership.id },
        data: { endedAt: new Date(), endedById: actor.id, endReason: change.reason },
      });
      return withExpiries(expired, { action: "workgroup.removed", ...snapshot, before: state, after: { ...state, cervicalScreeningWorkgroup: false }, safeguards: change.safeguards ?? null });
    },
    options,
  );
}

export type GrantTarget = { kind: "role" | "workgroup"; smartcardId: string; odsCode: string; roleCode?: string; reason: string; version: number };

/** The live grant a review or re-dating acts on, with the version claimed. */
async function liveGrant(tx: Tx, target: GrantTarget) {
  const loaded = await loadTarget(tx, target);
  const grant = target.kind === "role" ? loaded.roles.find((r) => r.roleCode === target.roleCode) : loaded.workgroups[0];
  if (!grant) {
    throw notFound(target.kind === "role" ? `${target.roleCode} is not held at ${target.odsCode}.` : `The cervicalscreening workgroup is not held at ${target.odsCode}.`);
  }
  const roleName = target.kind === "role" ? ((await tx.jobRole.findUnique({ where: { code: target.roleCode! }, select: { name: true } }))?.name ?? null) : null;
  return { ...loaded, grant, role: target.kind === "role" ? { roleCode: target.roleCode!, roleName } : {} };
}

/** Sets, moves or removes a grant's end date (audited with the reason). */
export function changeEndDate(actor: Actor, target: GrantTarget & { endsAt: Date | null }): Promise<void> {
  return auditedChange(actor, async (tx) => {
    const { grant, snapshot, role, expired } = await liveGrant(tx, target);
    const data = { endsAt: target.endsAt };
    if (target.kind === "role") await tx.roleAssignment.update({ where: { id: grant.id }, data });
    else await tx.workgroupMembership.update({ where: { id: grant.id }, data });
    return withExpiries(expired, {
      action: `${target.kind}.end_date_changed`,
      ...snapshot,
      ...role,
      before: { endsAt: grant.endsAt?.toISOString() ?? null },
      after: { endsAt: target.endsAt?.toISOString() ?? null },
    });
  });
}

/**
 * An access review's "still needed": the grant is re-certified from now (audited with the reason). A grant
 * about to end is kept past its end: to `endsAt` when given, else with no end date.
 */
export function recertifyGrant(actor: Actor, target: GrantTarget & { endsAt?: Date }): Promise<void> {
  return auditedChange(actor, async (tx) => {
    const { grant, snapshot, role, expired } = await liveGrant(tx, target);
    const reviewedAt = new Date();
    const endingSoon = grant.endsAt !== null && reviewDue({ endsAt: grant.endsAt, reviewedAt }, reviewedAt) === "ending_soon";
    const endsAt = target.endsAt ?? (endingSoon ? null : grant.endsAt);
    const data = { reviewedAt, endsAt };
    if (target.kind === "role") await tx.roleAssignment.update({ where: { id: grant.id }, data });
    else await tx.workgroupMembership.update({ where: { id: grant.id }, data });
    return withExpiries(expired, {
      action: `${target.kind}.recertified`,
      ...snapshot,
      ...role,
      before: { endsAt: grant.endsAt?.toISOString() ?? null },
      after: { reviewedAt: reviewedAt.toISOString(), endsAt: endsAt?.toISOString() ?? null },
    });
  });
}
