import type { Metadata } from "next";
import { BulkUpload } from "@/components/bulk/bulk-upload";
import { authorisePage } from "@/lib/auth/authorise";
import { pageMetadata } from "@/lib/auth/page-metadata";
import { decide } from "@/lib/auth/rules";
import { BULK_COLUMNS, MAX_BULK_ROWS } from "@/lib/domain/bulk-csv";

export const generateMetadata = (): Promise<Metadata> => pageMetadata({ kind: "bulk:run" }, "Bulk changes");

export default async function BulkPage() {
  const actor = await authorisePage({ kind: "bulk:run" }, "/bulk");
  return (
    <>
      <h1 className="mb-2 text-3xl font-bold">Bulk changes</h1>
      <div className="mb-6 max-w-3xl space-y-2">
        <p>
          Upload a CSV file to add or remove job roles and cervicalscreening workgroups for many people at once, for example when a PCN starts
          using CSMS. Nothing changes until you have seen the dry run and chosen to apply it.
        </p>
        <p>
          The first row names the columns: <code>{BULK_COLUMNS.join(",")}</code>. Each further row is one change: a smartcard ID, an ODS code,{" "}
          <code>add</code> or <code>remove</code>, a job role code (such as <code>R8001</code>) or <code>cervicalscreening</code>, the reason, and an
          optional end date for an added grant (<code>YYYY-MM-DD</code>). At most {MAX_BULK_ROWS.toLocaleString("en-GB")} rows and 1 MB.
        </p>
        <p>
          Each row is checked and made exactly as a single change on a profile would be, in file order, and each is in the change log with the
          upload&apos;s batch reference. Rows that need a second person or carry an information governance warning are not applied: make those
          from the person&apos;s profile. Applying the same file again changes nothing more.
        </p>
      </div>
      <BulkUpload canReadAudit={decide(actor, { kind: "audit:read" }).allowed} />
    </>
  );
}
