// The bulk file's shape, apart from the CSV reader so that the page's browser code can share it.
export const MAX_BULK_ROWS = 5000;
export const MAX_BULK_BYTES = 1024 * 1024;
/** Rows the page applies per call, so progress shows and no call runs long. */
export const BULK_CHUNK_ROWS = 100;
export const WORKGROUP_TARGET = "cervicalscreening";

/** The columns, in the order the template and the annotated CSV use. */
export const BULK_COLUMNS = ["smartcard_id", "ods_code", "action", "role", "reason", "end_date"] as const;
export type BulkColumn = (typeof BULK_COLUMNS)[number];
/** What a dry run adds around them in its annotated CSV; ignored when that file is uploaded again. */
export const BULK_ANNOTATIONS = ["line", "change", "status", "problems"] as const;
