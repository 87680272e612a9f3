import "server-only";
import { randomUUID } from "node:crypto";
import { activeGrantsAtClosedOrganisations, applyOdsImport, heldOrganisations, type GrantAtClosed } from "@/lib/data/ods-import";
import { describeOdsDiff, diffSize, odsDiff, type OdsDiff, type PcnFileGroup } from "@/lib/domain/ods-diff";
import { formatSmartcardId } from "@/lib/domain/smartcard";
import { OdsImportError, parseEpraccurRecords, parseWestSussexPcns } from "@/prisma/seed/ods-data";

export type OdsImportInput = { extract: { file: string; text: string | Buffer }; pcn?: { file: string; text: string }; apply: boolean };

export type OdsImportReport = { diff: OdsDiff; changes: number; batchId: string | null; events: number; review: GrantAtClosed[]; lines: string[] };

/** The membership file's PCNs with each practice's entry number (1-based), for the report. */
function pcnGroups(pcn: { file: string; text: string }): PcnFileGroup[] {
  let json: unknown;
  try {
    json = JSON.parse(pcn.text);
  } catch (error) {
    throw new OdsImportError(pcn.file, 0, `not valid JSON (${(error as Error).message})`);
  }
  const groups = parseWestSussexPcns(json, pcn.file);
  const entry = new Map((json as { Code: string }[]).map((e, i) => [e.Code.trim().toUpperCase(), i + 1]));
  return groups.map((g) => ({ name: g.name, practices: g.practices.map((p) => ({ ...p, entry: entry.get(p.odsCode)! })) }));
}

/**
 * `npm run ods:import`: parses everything first (a malformed row stops it, nothing written), prints the diff,
 * and with `apply` makes exactly that change as one audited batch. Active grants at organisations it closes
 * (or would close) are listed for review.
 */
export async function runOdsImport(input: OdsImportInput): Promise<OdsImportReport> {
  const extract = parseEpraccurRecords(input.extract.text, input.extract.file);
  const groups = input.pcn ? pcnGroups(input.pcn) : [];
  const plan = (held: Awaited<ReturnType<typeof heldOrganisations>>) => odsDiff(held, extract, groups);

  let diff = plan(await heldOrganisations());
  let batchId: string | null = null;
  let events = 0;
  if (input.apply && diffSize(diff) > 0) {
    batchId = randomUUID();
    ({ diff, events } = await applyOdsImport(batchId, { extract: input.extract.file, pcn: input.pcn?.file }, plan));
  }
  const review = await activeGrantsAtClosedOrganisations(diff.closed.map((c) => c.odsCode));

  const lines = [
    `${input.apply ? "Applied" : "Dry run (nothing changed; add --apply to apply)"}: ${diffSize(diff)} change${diffSize(diff) === 1 ? "" : "s"}` +
      (batchId ? `, ${events} audit events in batch ${batchId}` : ""),
    ...describeOdsDiff(diff),
    `Active grants at organisations ${input.apply ? "closed" : "to close"}, for review: ${review.length}`,
    ...review.map((r) => `  ! ${r.odsCode} ${r.orgName}: ${r.personName} (${formatSmartcardId(r.smartcardId)}) holds ${r.grants.join(", ")}`),
  ];
  return { diff, changes: diffSize(diff), batchId, events, review, lines };
}
