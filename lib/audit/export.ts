import "server-only";
import { stringify } from "csv-stringify/sync";
import type { AuditEventRow } from "@/lib/data/audit";
import { describeAuditEvent } from "@/lib/domain/audit-text";

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

// Spreadsheet programs run cells that start with these as formulas; a leading apostrophe keeps them text.
const FORMULA_START = /^[=+\-@\t\r]/;
const inert = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

/** RFC 4180 quoting by csv-stringify: a newline or comma inside free text can never forge a row or a column. */
export function csvHeader(): string {
  return stringify([exportColumns as unknown as string[]]);
}

export function csvRow(e: AuditEventRow): string {
  const record = exportRecord(e);
  return stringify([exportColumns.map((c) => inert(record[c]))]);
}

export function jsonLine(e: AuditEventRow): string {
  return `${JSON.stringify(exportRecord(e))}\n`;
}

/** A byte stream pulled batch by batch from the generator: nothing is held beyond one batch. */
export function streamLines(rows: AsyncGenerator<AuditEventRow>, header: string, line: (e: AuditEventRow) => string): ReadableStream<Uint8Array> {
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
