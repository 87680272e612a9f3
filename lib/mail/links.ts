// Absolute links that go out in emails: PUBLIC_URL is the address requesters reach the console at.
export function publicUrl(path: string): string {
  const base = process.env.PUBLIC_URL ?? process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  return new URL(path, base.endsWith("/") ? base : `${base}/`).toString();
}
