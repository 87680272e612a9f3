// The embedded default lives under ./data/; DATABASE_URL overrides (tests give each file its own database).
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL ?? "file:./data/console.db";
  return url;
}

export type Provider = "sqlite" | "postgres";

/** The backend is chosen by the URL's scheme alone: file: is SQLite, postgres(ql):// is PostgreSQL. */
export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), not ${url.split(":")[0]}:`);
}
