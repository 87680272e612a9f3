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

export type TemplatePlaceholder = { text: string; start: number; aboutSmartcardId: boolean };

// A bracketed instruction left in from a template: "(Enter your smartcard ID number)", "[enter your smartcard
// ID]", "<Smartcard ID here>", "(insert your ODS code)". Ordinary brackets ("(CSMS)", "(for example A81001)",
// "(RA)") are not instructions, so the inside must start with an instruction verb or be a bare field name.
const BRACKETED = /[([<{]\s*([^()[\]<>{}\n]{2,60}?)\s*[)\]>}]/g;
const INSTRUCTION = /^(?:please\s+)?(?:enter|insert|add|type|put|write|fill\s+in)\s+(?:in\s+)?(?:your|the|a|smart\s*card|id|ods|number|name)\b/i;
const BARE_ID_FIELD = /^(?:your\s+)?smart\s*card(?:\s+(?:id|uuid|number))*(?:\s+here)?$/i;
const ABOUT_ID = /smart\s*card|\bid\b|\buuid\b/i;

/** The template placeholders still in a message, in order: the requester has not put their details in. */
export function templatePlaceholders(text: string): TemplatePlaceholder[] {
  const found: TemplatePlaceholder[] = [];
  for (const m of text.matchAll(BRACKETED)) {
    const inside = m[1]!.trim();
    if (INSTRUCTION.test(inside) || BARE_ID_FIELD.test(inside)) found.push({ text: m[0], start: m.index, aboutSmartcardId: ABOUT_ID.test(inside) });
  }
  return found;
}
