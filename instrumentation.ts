// Runs once as the server starts, before it takes requests.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ Server }, { refuseTrace }] = await Promise.all([import("node:http"), import("@/lib/http/unsupported-methods")]);
  refuseTrace(Server);
  // With SMTP_URL set, this process delivers the outbox (several instances may: rows are claimed first).
  if (process.env.SMTP_URL) (await import("@/lib/mail/sender")).startMailer();
}
