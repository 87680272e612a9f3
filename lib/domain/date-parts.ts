// A date typed into the NHS date input: three boxes, day, month and year. Pure, and shared by the browser
// (to mark the wrong boxes) and the server (to refuse the date), so both say the same thing.

export type DatePart = "day" | "month" | "year";
export const DATE_PARTS: readonly DatePart[] = ["day", "month", "year"];
export type DateParts = Partial<Record<DatePart, string | undefined>>;

export type DatePartsResult =
  | { ok: true; day: string | undefined }
  /** `parts`: the boxes to mark as wrong, the first of them the one the error summary links to. */
  | { ok: false; message: string; parts: DatePart[] };

const pad = (n: number) => String(n).padStart(2, "0");

/** "End date" must include a month… The label starts each message, as the NHS date input pattern words them. */
export function readDateParts(input: DateParts, label: string): DatePartsResult {
  const text = { day: (input.day ?? "").trim(), month: (input.month ?? "").trim(), year: (input.year ?? "").trim() };
  const missing = DATE_PARTS.filter((p) => text[p] === "");
  if (missing.length === 3) return { ok: true, day: undefined };
  if (missing.length > 0) return { ok: false, message: `${label} must include a ${missing.join(" and ")}`, parts: missing };
  const notNumbers = DATE_PARTS.filter((p) => !/^\d+$/.test(text[p]));
  if (notNumbers.length > 0) return { ok: false, message: `${label} must be a real date`, parts: notNumbers };
  if (text.year.length !== 4) return { ok: false, message: "Year must include 4 numbers", parts: ["year"] };
  const [day, month, year] = [Number(text.day), Number(text.month), Number(text.year)];
  if (month < 1 || month > 12) return { ok: false, message: `${label} must be a real date`, parts: ["month"] };
  // 30 February rolls over into March in Date: a real date reads back the same.
  const at = new Date(Date.UTC(year, month - 1, day));
  if (day < 1 || at.getUTCDate() !== day) return { ok: false, message: `${label} must be a real date`, parts: ["day"] };
  return { ok: true, day: `${year}-${pad(month)}-${pad(day)}` };
}

/** A day (YYYY-MM-DD) as the three boxes show it: 3, 12, 2026. */
export function dayToParts(day: string | undefined): Record<DatePart, string> {
  const match = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  return match ? { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1]! } : { day: "", month: "", year: "" };
}

/**
 * A from/to range typed into two NHS date inputs (fromDay, fromMonth, fromYear, toDay…) in a query: the boxes
 * are taken out, and each edge typed in full is put back as `toValue(edge, day)`; errors are keyed by edge.
 * An edge whose boxes are absent keeps whatever the query already said (a link may carry from=YYYY-MM-DD).
 */
export function readRangeBoxes(
  query: Record<string, string>,
  labels: { from: string; to: string },
  toValue: (edge: "from" | "to", day: string) => string,
): { query: Record<string, string>; errors: Record<string, string> } {
  const out = { ...query };
  const errors: Record<string, string> = {};
  for (const edge of ["from", "to"] as const) {
    const keys = { day: `${edge}Day`, month: `${edge}Month`, year: `${edge}Year` };
    const typed = { day: query[keys.day], month: query[keys.month], year: query[keys.year] };
    for (const key of Object.values(keys)) delete out[key];
    if (Object.values(typed).every((v) => v === undefined)) continue;
    const read = readDateParts(typed, labels[edge]);
    if (!read.ok) errors[edge] = read.message;
    else if (read.day) out[edge] = toValue(edge, read.day);
    else delete out[edge];
  }
  return { query: out, errors };
}
