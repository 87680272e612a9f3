// Who runs the console and how to reach them: shown in the footer, the privacy notice and the accessibility statement.
export const SERVICE_CONTACT = {
  team: "the Registration Authority (RA) team",
  email: "ra-console@ra.example",
  /** Smartcard and Care Identity problems that are not about CSMS permissions go to the National Service Desk. */
  nationalServiceDesk: "the National Service Desk, through the NHS England Customer Portal",
} as const;
