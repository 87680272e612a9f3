import { formatSmartcardId } from "@/lib/domain/smartcard";

// Page titles follow the NHS pattern "<page> – <service>"; the root layout's template adds the service name.
export const SERVICE_NAME = "RA console for CSMS access";
export const TITLE_TEMPLATE = `%s – ${SERVICE_NAME}`;
// The public pages staff use to ask for help are a service of their own, with their own header and name.
export const PUBLIC_SERVICE_NAME = "Get help with CSMS access";
export const FORBIDDEN_TITLE = "You do not have permission to see this page";
export const NOT_FOUND_TITLE = "Page not found";
const ERROR_PREFIX = "Error: ";

/** The whole title as the browser shows it, for tests and for code outside the metadata template. */
export function fullTitle(page: string): string {
  return TITLE_TEMPLATE.replace("%s", page);
}

/** A public page's whole title ("Check a request – Get help with CSMS access"), past the layout's template. */
export function publicTitle(page: string): { absolute: string } {
  return { absolute: `${page} – ${PUBLIC_SERVICE_NAME}` };
}

/** A person's profile: their name and smartcard ID, so two profiles open in two tabs can be told apart. */
export function personTitle(name: string, smartcardId: string): string {
  return `${name.trim() || "Unnamed person"} (${formatSmartcardId(smartcardId)})`;
}

export function requestTitle(reference: string): string {
  return `Request ${reference}`;
}

/** An audit event by number and action only: the person it concerns is on the page, not in the tab. */
export function auditEventTitle(id: number, actionName: string): string {
  return `Change ${id}: ${actionName}`;
}

export function organisationTitle(name: string, odsCode: string): string {
  return `${name} (${odsCode})`;
}

/** NHS pattern: while a page shows an error summary its title starts "Error: " (said first by screen readers). */
export function withErrorPrefix(title: string): string {
  return title.startsWith(ERROR_PREFIX) ? title : `${ERROR_PREFIX}${title}`;
}

export function withoutErrorPrefix(title: string): string {
  let text = title;
  while (text.startsWith(ERROR_PREFIX)) text = text.slice(ERROR_PREFIX.length);
  return text;
}
