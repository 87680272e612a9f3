import "server-only";
import { db, type Tx } from "./db";
import { auditedChange, type Actor } from "./audited";
import { alreadyExists, badInput, notFound } from "@/lib/errors";

export const ORGANISATION_WORKGROUP_CREATED = "organisation.workgroup_created";

const detail = {
  odsCode: true,
  name: true,
  kind: true,
  closedAt: true,
  workgroupCreatedAt: true,
  workgroupCreatedBy: { select: { name: true, email: true } },
  groups: { select: { group: { select: { odsCode: true, name: true, kind: true } } } },
} as const;

async function findDetail(odsCode: string, client: Tx | typeof db = db) {
  return client.organisation.findUnique({ where: { odsCode }, select: detail });
}

export type OrganisationDetail = NonNullable<Awaited<ReturnType<typeof findDetail>>>;

/** One organisation as the API and its page show it: status, groups and whether it has its workgroup. */
export function organisationJson(o: OrganisationDetail) {
  return {
    odsCode: o.odsCode,
    name: o.name,
    kind: o.kind,
    closedAt: o.closedAt?.toISOString() ?? null,
    groups: o.groups.map(({ group }) => group).sort((a, b) => a.odsCode.localeCompare(b.odsCode)),
    cervicalScreeningWorkgroup: o.workgroupCreatedAt
      ? { createdAt: o.workgroupCreatedAt.toISOString(), createdBy: o.workgroupCreatedBy?.email ?? null }
      : null,
  };
}

export async function findOrganisationDetail(odsCode: string): Promise<OrganisationDetail | null> {
  return findDetail(odsCode);
}

/**
 * Creates the organisation's cervicalscreening workgroup, once: the claim only succeeds while it has none, so
 * two officers at once cannot both create it. The event keeps the organisation as it was and as it is now.
 */
export function createOrganisationWorkgroup(actor: Actor, change: { odsCode: string; reason: string }): Promise<OrganisationDetail> {
  return auditedChange(actor, async (tx) => {
    const before = await findDetail(change.odsCode, tx);
    if (!before) throw notFound(`No organisation with ODS code ${change.odsCode} is known to the console.`);
    if (before.workgroupCreatedAt) throw alreadyExists(`${before.odsCode} (${before.name}) already has its cervicalscreening workgroup.`);
    if (before.closedAt) {
      throw badInput("Check the organisation.", { odsCode: `${before.odsCode} (${before.name}) is closed: no workgroup is created at a closed organisation.` });
    }
    const claimed = await tx.organisation.updateMany({
      where: { odsCode: change.odsCode, workgroupCreatedAt: null },
      data: { workgroupCreatedAt: new Date(), workgroupCreatedById: actor.id },
    });
    if (claimed.count !== 1) throw alreadyExists(`${before.odsCode} (${before.name}) already has its cervicalscreening workgroup.`);
    const after = (await findDetail(change.odsCode, tx))!;
    return {
      result: after,
      audit: {
        action: ORGANISATION_WORKGROUP_CREATED,
        odsCode: after.odsCode,
        orgName: after.name,
        before: organisationJson(before),
        after: organisationJson(after),
        reason: change.reason,
      },
    };
  });
}
