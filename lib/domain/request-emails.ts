// The emails a requester receives about their request: plain text and HTML (NHS style: blue header,
// 19px Arial, black text), built from the request's state. Pure: the data layer queues what this returns.
import { SLA_AMBER_DAYS } from "./sla";

export type EmailKind = "request_received" | "status_changed" | "resolved" | "rejected" | "reply_received";

export type RequestEmailInput = {
  kind: EmailKind;
  reference: string;
  requesterName: string;
  status: string;
  // Who will handle it: a registration authority using the console, or nobody yet (see routing).
  routed: boolean;
  orgName: string | null;
  // The officer's reply (resolved), their reason (rejected) or what they need (waiting).
  reply?: string | null;
  reason?: string | null;
  message?: string | null;
  statusUrl: string;
};

export type ComposedEmail = { subject: string; text: string; html: string };

export const FIND_YOUR_RA_URL = "https://digital.nhs.uk/services/registration-authorities-and-smartcards";

/** What happens next, as the requester is told it on the confirmation page and in the first email. */
export function nextStepsText(routed: boolean, orgName: string | null): string[] {
  if (routed) {
    return [
      `The registration authority team for ${orgName ?? "your organisation"} will look at your request within ${SLA_AMBER_DAYS} working days.`,
      "We will email you when they start work on it, if they need anything from you, and when it is done.",
    ];
  }
  return [
    orgName
      ? `No registration authority uses this service for ${orgName} yet, so an RA manager will read your request and either deal with it or pass it to the right team.`
      : "Your request does not name an organisation, so the registration authority team will first work out who should handle it.",
    `This can take longer than ${SLA_AMBER_DAYS} working days. If it is urgent, contact your local Registration Authority directly: ask your practice manager, or find yours at ${FIND_YOUR_RA_URL}.`,
  ];
}

const statusSentence: Record<string, string> = {
  new: "Your request is waiting to be picked up by your registration authority.",
  in_progress: "Your registration authority is now working on your request.",
  waiting: "Your registration authority needs something from you before they can continue.",
  resolved: "Your registration authority has dealt with your request.",
  rejected: "Your registration authority could not act on your request.",
};

function paragraphs(input: RequestEmailInput): { subject: string; lead: string[]; quote: string | null; after: string[] } {
  const ref = input.reference;
  const reply = `You can check your request at any time at ${input.statusUrl} with your reference ${ref} and this email address.`;
  switch (input.kind) {
    case "request_received":
      return { subject: `We have your CSMS access request ${ref}`, lead: [`Your reference is ${ref}.`, ...nextStepsText(input.routed, input.orgName)], quote: null, after: [reply] };
    case "resolved":
      return { subject: `Your CSMS access request ${ref} has been dealt with`, lead: [statusSentence.resolved!, "Their reply:"], quote: input.reply ?? null, after: ["Log in to CSMS again to check your access.", reply] };
    case "rejected":
      return {
        subject: `Your CSMS access request ${ref} could not be completed`,
        lead: [statusSentence.rejected!, `The reason given: ${input.reason ?? "not stated"}.`],
        quote: input.reply ?? null,
        after: [`If you still need access, contact your local Registration Authority (${FIND_YOUR_RA_URL}).`, reply],
      };
    case "reply_received":
      return { subject: `We have your reply about ${ref}`, lead: ["Thank you. Your registration authority has your reply and will carry on with your request."], quote: null, after: [reply] };
    case "status_changed": {
      const waiting = input.status === "waiting";
      return {
        subject: waiting ? `Your registration authority needs something from you (${ref})` : `Update on your CSMS access request ${ref}`,
        lead: [statusSentence[input.status] ?? `Your request is now: ${input.status}.`, ...(waiting && input.message ? ["They wrote:"] : [])],
        quote: waiting ? (input.message ?? null) : null,
        after: waiting ? [`Send your answer through ${input.statusUrl} with your reference ${ref} and this email address. Never send your smartcard passcode.`] : [reply],
      };
    }
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const htmlParagraph = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text).replace(/\n/g, "<br>")}</p>`;

export function composeRequestEmail(input: RequestEmailInput): ComposedEmail {
  const { subject, lead, quote, after } = paragraphs(input);
  const greeting = `Dear ${input.requesterName},`;
  const signOff = "Registration Authority, CSMS access";
  const text = [greeting, ...lead, ...(quote ? [quote.trim()] : []), ...after, signOff].join("\n\n") + "\n";
  const html = [
    '<!doctype html><html lang="en"><body style="margin:0;background:#f0f4f5;font-family:Arial,sans-serif;font-size:19px;line-height:1.47;color:#212b32">',
    '<div style="background:#005eb8;color:#ffffff;padding:16px 24px;font-weight:bold">NHS · CSMS access</div>',
    '<div style="background:#ffffff;max-width:640px;margin:0 auto;padding:24px">',
    htmlParagraph(greeting),
    ...lead.map(htmlParagraph),
    quote ? `<div style="border-left:8px solid #d8dde0;padding:8px 16px;margin:0 0 16px">${htmlParagraph(quote.trim())}</div>` : "",
    ...after.map(htmlParagraph),
    htmlParagraph(signOff),
    "</div></body></html>",
  ].join("");
  return { subject, text, html };
}
