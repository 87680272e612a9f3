import "server-only";
import { MAX_BULK_BYTES } from "@/lib/domain/bulk-csv";
import { badInput } from "@/lib/errors";

const tooBig = () => badInput(`The CSV is over ${MAX_BULK_BYTES / 1024 / 1024} MB: split it into smaller files.`);

/** A CSV request body (`Content-Type: text/csv`) with a size cap; a declared length over it is refused unread. */
export async function readCsvBody(request: Request): Promise<string> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "text/csv") throw badInput("Send the file as the request body with Content-Type: text/csv.");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BULK_BYTES) throw tooBig();
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BULK_BYTES) throw tooBig();
  return text;
}

/** An `Accept` asking for CSV first (or only): the annotated file instead of JSON. */
export function wantsCsv(request: Request): boolean {
  const accept = (request.headers.get("accept") ?? "").toLowerCase();
  return accept.startsWith("text/csv");
}
