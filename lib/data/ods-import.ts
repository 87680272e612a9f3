import "server-only";
import { db, type Tx } from "./db";
import { auditedChange, type Actor, type AuditDraft, type SystemEvent } from "./audited";
import type { HeldOrganisation, OdsDiff } from "@/lib/domain/ods-diff";

/** Who applies an import from the command line: no console user, named in every event of the batch. */
export const ODS_IMPORT_ACTOR: Actor = { id: null, email: "ods-import", name: "ODS import (npm run ods:import)" };

/** Every organisation with its PCNs, as the diff compares it with an extract. */
export async function heldOrganisations(client: Tx | typeof db = db): Promise<HeldOrganisation[]> {
  const rows = await client.organisation.findMany({
    select: { odsCode: true, name: true, kind: true, closedAt: true, groups: { where: { group: { kind: "pcn" } }, select: { group: { select: { odsCode: true } } } } },
  });
  return rows.map((o) => ({ odsCode: o.odsCode, name: o.name, kind: o.kind, closed: o.closedAt !== null, pcns: o.groups.map((g) => g.group.odsCode) }));
}

async function snapshot(tx: Tx, odsCode: string) {
  const o = await tx.organisation.findUniqueOrThrow({
    where: { odsCode },
    select: { odsCode: true, name: true, kind: true, closedAt: true, groups: { select: { group: { select: { odsCode: true } } } } },
  });
  return { odsCode: o.odsCode, name: o.name, kind: o.kind, closedAt: o.closedAt?.toISOString() ?? null, groups: o.groups.map((g) => g.group.odsCode).sort() };
}

export type ImportFiles = { extract: string; pcn?: string };

/**
 * Applies a diff in one transaction with one audit event per change to an organisation (created, renamed,
 * closed, reopened, groups changed), each carrying the batch id and the line of the file it came from, so an
 * organisation's own history shows what the import did to it and the batch can be read as a whole. The diff is
 * computed again inside the transaction: the import applies what is true now, and a second run writes nothing.
 */
export async function applyOdsImport(
  batchId: string,
  files: ImportFiles,
  plan: (held: HeldOrganisation[]) => OdsDiff,
  at: Date = new Date(),
): Promise<{ diff: OdsDiff; events: number }> {
  return auditedChange(
    ODS_IMPORT_ACTOR,
    async (tx) => {
      const diff = plan(await heldOrganisations(tx));
      const drafts: AuditDraft[] = [];
      const event = async (action: string, odsCode: string, line: number, file: string, before: unknown, reason: string) => {
        const after = await snapshot(tx, odsCode);
        drafts.push({ action, odsCode, orgName: after.name, before, after, reason, safeguards: { batch: { id: batchId, line, file } } });
      };

      for (const g of diff.newGroups) {
        await tx.organisation.create({ data: { odsCode: g.odsCode, name: g.name, kind: "pcn" } });
        await event("organisation.created", g.odsCode, 0, files.pcn ?? files.extract, null, `New PCN in ${files.pcn}`);
      }
      for (const c of diff.created) {
        await tx.organisation.create({ data: { odsCode: c.odsCode, name: c.name, kind: c.kind, town: c.town ?? null, postcode: c.postcode ?? null } });
        const file = c.file === "pcn" ? files.pcn! : files.extract;
        await event("organisation.created", c.odsCode, c.line, file, null, `New in ${file}`);
      }
      for (const r of diff.renamed) {
        const before = await snapshot(tx, r.odsCode);
        await tx.organisation.update({ where: { odsCode: r.odsCode }, data: { name: r.to } });
        await event("organisation.renamed", r.odsCode, r.line, files.extract, before, `Renamed in ${files.extract}`);
      }
      for (const c of diff.closed) {
        const before = await snapshot(tx, c.odsCode);
        // Kept for history: positions and grants stay, and the import lists the grants still active for review.
        await tx.organisation.update({ where: { odsCode: c.odsCode }, data: { closedAt: c.closedOn ? new Date(`${c.closedOn}T00:00:00Z`) : at } });
        await event("organisation.closed", c.odsCode, c.line, files.extract, before, `Closed (status C) in ${files.extract}`);
      }
      for (const r of diff.reopened) {
        const before = await snapshot(tx, r.odsCode);
        await tx.organisation.update({ where: { odsCode: r.odsCode }, data: { closedAt: null } });
        await event("organisation.reopened", r.odsCode, r.line, files.extract, before, `Active again in ${files.extract}`);
      }
      const ids = new Map((await tx.organisation.findMany({ where: { odsCode: { in: diff.moved.flatMap((m) => [m.odsCode, m.to, ...m.from]) } }, select: { id: true, odsCode: true } })).map((o) => [o.odsCode, o.id]));
      for (const m of diff.moved) {
        const before = await snapshot(tx, m.odsCode);
        const memberId = ids.get(m.odsCode)!;
        // Only its PCN changes: a federation (or any other group) it is also in stays.
        await tx.organisationGroupMember.deleteMany({ where: { memberId, groupId: { in: m.from.map((code) => ids.get(code)!) } } });
        await tx.organisationGroupMember.create({ data: { memberId, groupId: ids.get(m.to)! } });
        await event("organisation.groups_changed", m.odsCode, m.entry, files.pcn!, before, `Moved to ${m.to} in ${files.pcn}`);
      }

      // The last event is the change's own; the rest are written before it, in the same transaction.
      const last = drafts.pop() ?? null;
      const earlier: SystemEvent[] = drafts.map((draft) => ({ actor: ODS_IMPORT_ACTOR, draft }));
      return { result: { diff, events: earlier.length + (last ? 1 : 0) }, audit: last, earlier };
    },
    { timeout: 300_000, maxWait: 10_000 },
  );
}

export type GrantAtClosed = { smartcardId: string; personName: string; odsCode: string; orgName: string; closedAt: Date | null; grants: string[] };

/**
 * Active grants for review at closed organisations (nothing ends them automatically), or at the given ones
 * (those a dry run would close); `within`: only at these organisations (an officer's scope).
 */
export async function activeGrantsAtClosedOrganisations(odsCodes?: string[], within?: string[]): Promise<GrantAtClosed[]> {
  const which = odsCodes ? { odsCode: { in: odsCodes } } : { closedAt: { not: null } };
  const positions = await db.position.findMany({
    where: { organisation: within ? { AND: [which, { odsCode: { in: within } }] } : which },
    select: {
      person: { select: { smartcardId: true, name: true } },
      organisation: { select: { odsCode: true, name: true, closedAt: true } },
      roles: { where: { endedAt: null }, select: { roleCode: true }, orderBy: { roleCode: "asc" } },
      workgroups: { where: { endedAt: null }, select: { workgroup: true } },
    },
    orderBy: [{ organisation: { odsCode: "asc" } }, { person: { smartcardId: "asc" } }],
  });
  return positions
    .map((p) => ({
      smartcardId: p.person.smartcardId,
      personName: p.person.name,
      odsCode: p.organisation.odsCode,
      orgName: p.organisation.name,
      closedAt: p.organisation.closedAt,
      grants: [...p.roles.map((r) => r.roleCode), ...p.workgroups.map((w) => w.workgroup)],
    }))
    .filter((p) => p.grants.length > 0);
}
