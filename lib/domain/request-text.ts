import { formatSmartcardId } from "./smartcard";

/** The placeholder exactly as the NHS "Access CSMS" guidance prints it; staff often send it untouched. */
export const SMARTCARD_PLACEHOLDER = "(Enter your smartcard ID number)";

// Verbatim from the guidance ("Problems with access" > "How to resolve"), so what we offer staff is the
// text RA teams already recognise, and the triage can spot it when it comes back.
const OPENING =
  "I require access to the Cervical Screening Management System (CSMS) but access permissions may not have been allocated to my Care Identity profile.";
const CLOSING =
  "Please refer to guidance for registration authorities for instructions on how to update my Care Identity profile to allow me access to CSMS.";

/**
 * The guidance's suggested text for asking the RA for help, with the smartcard ID filled in when known.
 * A blank ID keeps the placeholder; an invalid one is shown as typed (formatSmartcardId never dresses up
 * a wrong number as a valid-looking one).
 */
export function suggestedSupportText(smartcardId?: string): string {
  const id = smartcardId?.trim() ?? "";
  const shown = id === "" ? SMARTCARD_PLACEHOLDER : formatSmartcardId(id);
  return [OPENING, `Smartcard ID: ${shown}`, CLOSING].join("\n\n");
}
