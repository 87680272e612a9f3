import "server-only";
import { stringify } from "csv-stringify/sync";
import type { AuditEventRow, ExportedAuditEvent } from "@/lib/data/audit";
import { describeAuditEvent } from "@/lib/domain/audit-text";
import { inertCell, textCell } from "@/lib/domain/csv-cells";

export const exportColumns = [
  "id",
  "occurredAt",
  "actorEmail",
  "action",
  "description",
  "smartcardId",
  "personName",
  "odsCode",
  "orgName",
  "roleCode",
  "roleName",
  "before",
  "after",
  "reason",
  "requestId",
  "hash",
  // Added later: appended, so scripts reading the earlier columns by position keep working.
  "actorName",
  "safeguards",
] as const;

export function exportRecord(e: AuditEventRow): Record<(typeof exportColumns)[number], string> {
  return {
    id: String(e.id),
    occurredAt: e.occurredAt.toISOString(),
    actorEmail: e.actorEmail,
    actorName: e.actorName ?? "",
    safeguards: e.safeguards ?? "",
    action: e.action,
    description: describeAuditEvent(e),
    smartcardId: e.smartcardId ?? "",
    personName: e.personName ?? "",
    odsCode: e.odsCode ?? "",
    orgName: e.orgName ?? "",
    roleCode: e.roleCode ?? "",
    roleName: e.roleName ?? "",
    before: e.before ?? "",
    after: e.after ?? "",
    reason: e.reason ?? "",
    requestId: e.requestId ?? "",
    hash: e.hash,
  };
}


// The CSV is for people with a spreadsheet: the request's reference (CSMS-…) as the screens show it, in the
// place of its internal id (JSON lines keep the id, for scripts); identifiers are kept as text.
const csvColumns = exportColumns.map((c) => (c === "requestId" ? "requestReference" : c));
const idColumns = new Set<string>(["smartcardId", "odsCode", "roleCode"]);

/** RFC 4180 quoting by csv-stringify: a newline or comma inside free text can never forge a row or a column. */
export function csvHeader(): string {
  return stringify([csvColumns]);
}

export function csvRow(e: ExportedAuditEvent): string {
  const record = exportRecord(e);
  // An event whose request is gone keeps its id, so the link is never silently lost.
  const cells = exportColumns.map((c) => (c === "requestId" ? (e.requestReference ?? record.requestId) : record[c]));
  return stringify([cells.map((value, k) => (idColumns.has(exportColumns[k]!) ? textCell(value) : inertCell(value)))]);
}

export function jsonLine(e: AuditEventRow): string {
  return `${JSON.stringify(exportRecord(e))}\n`;
}

/** A byte stream pulled batch by batch from the generator: nothing is held beyond one batch. */
export function streamLines(rows: AsyncGenerator<ExportedAuditEvent>, header: string, line: (e: ExportedAuditEvent) => string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        if (header) controller.enqueue(encoder.encode(`\uFEFF${header}`));
      }
      let chunk = "";
      for (let i = 0; i < 500; i++) {
        const next = await rows.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += line(next.value);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}
