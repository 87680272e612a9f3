import type { Diagnosis } from "./diagnosis";

// The guidance's "Check your access" steps, reworded only to address the reader directly.
export const LOGIN_STEPS = [
  "Insert your smartcard into the smartcard reader (if you log in with a smartcard).",
  "Go to https://cervicalscreening.nhs.uk.",
  'Select "Log in with my Care Identity".',
  "Choose your login method (Smartcard or Authenticator app), select Continue and follow the instructions on screen.",
  "Choose a role and select Continue.",
];

export const LOGOUT_REMINDER =
  "When you have finished, log out using Logout at the top right of the page; closing the browser or removing your smartcard does not log you out of CSMS.";

// Replies for these routes ask the person to do something first, so login steps would only confuse.
const NO_CHECK_YET = new Set(["apply_for_care_id", "ask_for_smartcard_id"]);

function checkAccess(): string[] {
  return [
    "To check your access:",
    ...LOGIN_STEPS.map((step, i) => `${i + 1}. ${step}`),
    "You should then see the CSMS Patient Search page.",
    "",
    LOGOUT_REMINDER,
  ];
}

/**
 * A plain-text reply to the person who asked for help. It says what was changed (or where to go
 * instead), how to check, and how to log out, and never mentions the RA's internal notes.
 */
export function replyText(input: {
  requesterName: string;
  diagnosis: Diagnosis;
  applied: { description: string }[];
  officerName: string;
}): string {
  const { diagnosis, applied } = input;
  const name = input.requesterName.trim();
  const lines: string[] = [name === "" ? "Hello," : `Dear ${name},`, ""];
  let showCheck = true;

  const unconfirmed = !diagnosis.identity.confirmed && (diagnosis.identity.state === "mismatch" || diagnosis.identity.state === "no_profile_email");
  if (applied.length === 0 && unconfirmed && !diagnosis.route) {
    // Never say whose profile it is: the sender may not be its owner.
    lines.push(
      "Thank you for your request for access to the Cervical Screening Management System (CSMS).",
      "",
      "We could not match the details in your request to the Care Identity profile for the smartcard ID you gave, so we have not changed it. A request by email or web form does not prove who sent it.",
      "Please check the smartcard ID, and ask your sponsor or line manager to confirm your request with us, or contact your Registration Authority to confirm your identity in person or by phone.",
    );
    showCheck = false;
  } else if (applied.length > 0) {
    lines.push(
      "Thank you for your request for access to the Cervical Screening Management System (CSMS). We have made these changes to your Care Identity profile:",
      ...applied.map((a) => `- ${a.description}`),
    );
    // A change applied alongside a route (e.g. fixing permissions for a locked card) still needs the route.
    if (diagnosis.route) lines.push("", diagnosis.route.text);
  } else if (diagnosis.route) {
    lines.push("Thank you for your message about access to the Cervical Screening Management System (CSMS).", "", diagnosis.route.text);
    showCheck = !NO_CHECK_YET.has(diagnosis.route.kind);
  } else if (diagnosis.profileSays === "can_log_in") {
    lines.push(
      "Thank you for your request for access to the Cervical Screening Management System (CSMS). Your Care Identity profile already has a CSMS role and the cervicalscreening workgroup, so no change was needed.",
      "If you saw an error, please try again, making sure you choose the right role, and that you logged out fully last time.",
    );
  } else {
    lines.push(
      "Thank you for your request for access to the Cervical Screening Management System (CSMS). We have not changed your Care Identity profile yet and will be in touch.",
    );
    showCheck = false;
  }

  if (showCheck) lines.push("", ...checkAccess());
  const officer = input.officerName.trim();
  lines.push("", "Kind regards,", ...(officer === "" ? [] : [officer]), "Registration Authority");
  return lines.join("\n");
}
