// The embedded default lives under ./data/; DATABASE_URL overrides (tests give each file its own database).
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL ?? "file:./data/console.db";
  return url;
}
