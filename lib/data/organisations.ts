import "server-only";
import { containsIgnoringCase, db } from "./db";

export async function organisationExists(odsCode: string): Promise<boolean> {
  return (await db.organisation.count({ where: { odsCode } })) > 0;
}

export async function searchOrganisations(query: string, limit = 10) {
  const q = query.trim();
  return db.organisation.findMany({
    where: { OR: [{ odsCode: { startsWith: q.toUpperCase() } }, { name: containsIgnoringCase(q) }] },
    // Town and postcode tell apart organisations that share a name.
    select: { odsCode: true, name: true, town: true, postcode: true },
    orderBy: [{ name: "asc" }, { odsCode: "asc" }],
    take: limit,
  });
}

export async function findOrganisationByName(name: string) {
  return db.organisation.findMany({ where: { name: name.trim() }, select: { odsCode: true, name: true }, take: 2 });
}

export async function organisationsByCode(odsCodes: string[]) {
  return db.organisation.findMany({ where: { odsCode: { in: odsCodes } }, select: { odsCode: true, name: true }, orderBy: { odsCode: "asc" } });
}
