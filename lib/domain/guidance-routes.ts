// Where the NHS England "Access CSMS" guidance sends people whose problem is not their CSMS permissions, in its
// words. It names these pages without giving their addresses (../shared/seed-access-csms.txt), so a route links
// only where the console already knows the address: CSMS itself, and the RA finder its emails already give.
import { FIND_YOUR_RA_URL } from "./request-emails";

export const CSMS_URL = "https://cervicalscreening.nhs.uk";

/** One sentence of advice: `before`, then the named page (a link when `href` is known), then `after`. */
export type GuidanceAdvice = { before: string; name: string; href: string | null; after: string };

export type GuidanceRoute = { id: "self_service_unlock" | "apply_for_care_id" | "local_it_or_service_desk"; problem: string; advice: GuidanceAdvice };

/** The problems this form is not for, each with the guidance's route. */
export const NOT_FOR_THIS_FORM: readonly GuidanceRoute[] = [
  {
    id: "self_service_unlock",
    problem: "Your smartcard is locked, or you have forgotten your passcode",
    advice: { before: "You can ", name: "unlock your smartcard using a self-service tool", href: null, after: "." },
  },
  {
    id: "apply_for_care_id",
    problem: "You do not have a Care Identity (Care ID) or smartcard yet",
    advice: { before: "Follow the guidance on ", name: "how to apply for a Care ID", href: null, after: "." },
  },
  {
    id: "local_it_or_service_desk",
    problem: "Technical problems, such as your smartcard reader, browser or computer",
    advice: { before: "Contact your local IT team or the ", name: "National Service Desk via the NHS England Customer Portal", href: null, after: "." },
  },
];

export const FIND_YOUR_RA: GuidanceAdvice = {
  before: "",
  name: "Find your local Registration Authority",
  href: FIND_YOUR_RA_URL,
  after: " if you do not know who to contact in your workplace.",
};

export const adviceText = (a: GuidanceAdvice) => `${a.before}${a.name}${a.after}`;
