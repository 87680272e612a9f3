// Writes the ODS organisations: epraccur practices, the West Sussex PCNs and their member links, the trust.
// Runs inside the caller's transaction, so a failure leaves the database as it was.
import type { Prisma } from "../../generated/prisma/client";
import type { OdsOrganisation, Pcn } from "./ods-data";

type Tx = Prisma.TransactionClient;

// Well under SQLite's bound-parameter limit (4 columns per row).
const BATCH = 1000;

export type OrganisationCounts = { created: number; total: number; regrouped: number; pcns: number };

export async function importOrganisations(
  tx: Tx,
  source: { practices: OdsOrganisation[]; pcns: Pcn[]; extra: OdsOrganisation[] },
): Promise<OrganisationCounts> {
  const rows = await tx.organisation.findMany({ select: { odsCode: true, town: true, postcode: true } });
  const existing = new Set(rows.map((o) => o.odsCode));
  // A database seeded before organisations had a town and postcode gets them once (only where both are missing).
  const placeless = new Set(rows.filter((o) => o.town === null && o.postcode === null).map((o) => o.odsCode));
  for (const org of source.practices) {
    if (placeless.has(org.odsCode) && (org.town || org.postcode)) {
      await tx.organisation.update({ where: { odsCode: org.odsCode }, data: { town: org.town ?? null, postcode: org.postcode ?? null } });
    }
  }

  // Only codes not yet present: reruns stay fast and never touch what the console may have changed since.
  const fresh: OdsOrganisation[] = [];
  const add = (org: OdsOrganisation) => {
    if (existing.has(org.odsCode)) return;
    existing.add(org.odsCode);
    fresh.push(org);
  };
  source.practices.forEach(add);
  // A PCN member missing from epraccur (e.g. closed there, or newer than the extract) is still a practice.
  for (const pcn of source.pcns) for (const p of pcn.practices) add({ odsCode: p.odsCode, name: p.name, kind: "gp_practice" });

  for (let i = 0; i < fresh.length; i += BATCH) {
    await tx.organisation.createMany({ data: fresh.slice(i, i + BATCH) });
  }

  // PCNs and the trust are few and curated here, so they are upserted: a rerun brings their names up to date.
  const upserts = [...source.pcns.map(({ odsCode, name, kind }) => ({ odsCode, name, kind })), ...source.extra];
  let upsertCreated = 0;
  const idByCode = new Map<string, number>();
  for (const org of upserts) {
    if (!existing.has(org.odsCode)) upsertCreated += 1;
    const row = await tx.organisation.upsert({
      where: { odsCode: org.odsCode },
      create: org,
      update: { name: org.name, kind: org.kind },
      select: { id: true },
    });
    idByCode.set(org.odsCode, row.id);
  }

  // Membership rows are only added: an organisation may belong to several groups, and moves between groups
  // are the ODS import's job (npm run ods:import), which reports them.
  let regrouped = 0;
  for (const pcn of source.pcns) {
    const groupId = idByCode.get(pcn.odsCode)!;
    const memberIds = [...(await organisationIds(tx, pcn.practices.map((p) => p.odsCode))).values()];
    const linked = new Set((await tx.organisationGroupMember.findMany({ where: { groupId }, select: { memberId: true } })).map((m) => m.memberId));
    const missing = memberIds.filter((id) => !linked.has(id));
    if (missing.length > 0) await tx.organisationGroupMember.createMany({ data: missing.map((memberId) => ({ groupId, memberId })) });
    regrouped += missing.length;
  }

  const total = await tx.organisation.count();
  return { created: fresh.length + upsertCreated, total, regrouped, pcns: source.pcns.length };
}

/**
 * Gives these organisations their cervicalscreening workgroup where they have none yet (no console actor:
 * the seed stands for what Care Identity Management already holds). Returns how many were given one.
 */
export async function seedOrganisationWorkgroups(tx: Tx, odsCodes: string[], at: Date): Promise<number> {
  const { count } = await tx.organisation.updateMany({
    where: { odsCode: { in: odsCodes }, workgroupCreatedAt: null },
    data: { workgroupCreatedAt: at },
  });
  return count;
}

/** ODS code -> organisation id for the given codes; throws if any is missing, naming them. */
export async function organisationIds(tx: Tx, odsCodes: string[]): Promise<Map<string, number>> {
  const rows = await tx.organisation.findMany({ where: { odsCode: { in: odsCodes } }, select: { id: true, odsCode: true } });
  const ids = new Map(rows.map((r) => [r.odsCode, r.id]));
  const missing = odsCodes.filter((code) => !ids.has(code));
  if (missing.length > 0) throw new Error(`Demo organisations missing after the ODS import: ${missing.join(", ")}`);
  return ids;
}
