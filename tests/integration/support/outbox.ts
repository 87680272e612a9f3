// Helpers for the requester-loop tests (issue "Close the loop with the requester"): a real SMTP server on
// loopback that records what arrives, nodemailer transports pointed at it, and reads of the outbox and the
// change log so a test can say exactly what one change wrote.
import { createServer, type AddressInfo } from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { db } from "@/lib/data/db";

// Mail goes only where a test sends it: with SMTP_URL set, every change would also start a delivery of its own.
delete process.env.SMTP_URL;

export type ReceivedEmail = { to: string[]; from: string; subject: string; messageId: string; text: string; html: string };

/** Undoes a MIME part's transfer encoding (nodemailer picks quoted-printable or base64 for long or non-ASCII text). */
function decodeBody(headers: string, body: string): string {
  const encoding = /^content-transfer-encoding:\s*([\w-]+)/im.exec(headers)?.[1]?.toLowerCase() ?? "7bit";
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding !== "quoted-printable") return body;
  const joined = body.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(joined.charCodeAt(i));
  }
  return Buffer.from(bytes).toString("utf8");
}

const split = (part: string) => {
  const at = part.indexOf("\r\n\r\n");
  return { headers: part.slice(0, at).replace(/\r\n[ \t]/g, " "), body: part.slice(at + 4) };
};
const header = (headers: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(headers)?.[1]?.trim() ?? "";

/** The text and HTML of a message as it arrived (multipart/alternative, as nodemailer builds it). */
export function parseMessage(raw: string): Omit<ReceivedEmail, "to"> {
  const { headers, body } = split(raw);
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)?.[1];
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1).map((p) => split(p.replace(/^\r\n/, ""))) : [{ headers, body }];
  const part = (type: string) => {
    const found = parts.find((p) => new RegExp(`^content-type:\\s*${type}`, "im").test(p.headers));
    return found ? decodeBody(found.headers, found.body).replace(/\r\n/g, "\n") : "";
  };
  return { from: header(headers, "from"), subject: header(headers, "subject"), messageId: header(headers, "message-id"), text: part("text/plain"), html: part("text/html") };
}

export type SmtpTestServer = { port: number; received: ReceivedEmail[]; close: () => Promise<void> };

/** A real SMTP server on 127.0.0.1 (any free port). Without `options`, it accepts everything and records it. */
export async function startSmtpServer(options: Partial<SMTPServerOptions> = {}): Promise<SmtpTestServer> {
  const received: ReceivedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), ...parseMessage(Buffer.concat(chunks).toString("utf8")) });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A nodemailer transport to the test server, as the brief's sender would create one (no TLS on loopback). */
export function smtpTransport(port: number): Transporter {
  return nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
}

/** A port nothing listens on: bound once by the system, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const emailsFor = (requestId: string) => db.outboxEmail.findMany({ where: { requestId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

export const lastEventId = async () => (await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;

/** Events written after `afterId`, oldest first; refusals (security.*) are bookkeeping, not changes. */
export const changeEventsAfter = (afterId: number) =>
  db.auditEvent.findMany({ where: { id: { gt: afterId }, NOT: { action: { startsWith: "security." } } }, orderBy: { id: "asc" } });

/** What a request change could write: the request row, its notes, its emails and every change event. */
export async function requestLoopSnapshot() {
  const [requests, notes, emails, events] = await Promise.all([
    db.accessRequest.findMany({ orderBy: { id: "asc" } }),
    db.requestNote.count(),
    db.outboxEmail.findMany({ select: { id: true, status: true, attempts: true }, orderBy: { id: "asc" } }),
    db.auditEvent.count({ where: { NOT: { action: { startsWith: "security." } } } }),
  ]);
  return { requests, notes, emails, events };
}

export const parse = (json: string | null) => (json === null ? null : JSON.parse(json));
