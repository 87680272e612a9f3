// Plain-SQL results carry each database's own types (SQLite may give a date as text or a number, PostgreSQL a
// count as bigint): these make them the model's types. Used only where a hot path reads with plain SQL.
export type SqlDate = Date | string | number;

export const sqlDate = (value: SqlDate | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value));
export const sqlInt = (value: number | bigint): number => Number(value);
export const sqlBool = (value: boolean | number | bigint): boolean => Boolean(Number(value));
