// Cells of the CSV files the console writes, made safe for spreadsheet programs. Pure.

// Spreadsheet programs run cells that start with these as formulas; a leading apostrophe keeps them text.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Free text: a cell that would start a formula gets an apostrophe, so opening the file runs nothing. */
export const inertCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/**
 * An identifier (smartcard ID, ODS code, role code): written as ="555500000003", the one form Excel and
 * LibreOffice open as text. A plain 555500000003 becomes 5.555E+11 and loses digits once saved; an
 * apostrophe shows as a character when a CSV is opened, and a leading tab stays in the value. Only letters
 * and digits are wrapped (nothing else can sit inside the quotes, so no formula can be smuggled in);
 * anything else is treated as free text.
 */
export const textCell = (value: string): string => (/^[0-9A-Za-z]+$/.test(value) ? `="${value}"` : inertCell(value));

/** A cell as the console wrote it (or a person typed it), back to its value: for files uploaded again. */
export function readCell(cell: string): string {
  const wrapped = /^\s*="([^"]*)"\s*$/.exec(cell);
  if (wrapped) return wrapped[1]!;
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
