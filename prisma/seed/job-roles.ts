// CSMS job role catalogue (seed reference data). Source: NHS England page "CSMS job roles"
// (digital.nhs.uk/services/cervical-screening-management-system/csms-job-roles), stored copy read 2026-11-25.
// Only section 1 (GP practice staff) could be read in full; see the notes above each list for what is unverified.

export type JobRoleSeed = {
  code: string; // RBAC R-code, e.g. "R8001"
  name: string; // label as the page gives it (sentence case)
  userGroup: string; // CSMS user group as named on the page
  functions: string[]; // CSMS functions that group gets, short phrases from the page ("Page: function")
  csmsAccess: boolean; // true for CSMS-valid roles
};

// Section 1 of the page. The page adds a footnote to Notifications: GP practice users can only view and
// process notifications for patients registered to their GP practice ODS code at the time of use.
const GP_PRACTICE_GROUP = "GP practice staff who manage notification lists";

const GP_PRACTICE_FUNCTIONS: readonly string[] = [
  "Patient Search: enter search criteria (NHS number / demographics), view results and open Patient Summary",
  "Patient Summary: view demographics and test results",
  "Patient Summary: produce HMR101 sample submission form",
  "Patient Summary: view GP Information tab",
  "Notifications: patients due to be invited (Invite / Defer / Cease)",
  "Notifications: patients who have not responded (Review / Defer / Cease)",
  "Notifications: view patients to review",
  "Notifications: manage emails (add or remove email addresses for notification alerts)",
  "Reporting: view Screening history batch download report",
  "Reporting: view Non-responders report",
];

// Every code and label below is from the page's section 1 list, in the page's order.
// NOT seeded: the page's later sections (2. Sample takers, then, per the earlier NHS page "System activities
// and associated roles": laboratories; colposcopy incl. gynaecology and CSPLs; and, per the CSMS service page,
// CSAS and Screening Quality Assurance staff). Their code lists and functions could not be read, so no group
// membership was guessed. Add them here from the live page; if a code already listed appears again, join the
// group names with " / " and merge the functions rather than adding a second entry.
export const csmsJobRoles: JobRoleSeed[] = [
  { code: "R0260", name: "GP", userGroup: GP_PRACTICE_GROUP, functions: [...GP_PRACTICE_FUNCTIONS], csmsAccess: true },
  { code: "R8000", name: "Clinical practitioner access", userGroup: GP_PRACTICE_GROUP, functions: [...GP_PRACTICE_FUNCTIONS], csmsAccess: true },
  { code: "R1780", name: "Practice manager", userGroup: GP_PRACTICE_GROUP, functions: [...GP_PRACTICE_FUNCTIONS], csmsAccess: true },
  { code: "R0600", name: "Practice nurse specialist practitioner", userGroup: GP_PRACTICE_GROUP, functions: [...GP_PRACTICE_FUNCTIONS], csmsAccess: true },
  { code: "R0620", name: "Practice nurse", userGroup: GP_PRACTICE_GROUP, functions: [...GP_PRACTICE_FUNCTIONS], csmsAccess: true },
  { code: "R8001", name: "Nurse access role", userGroup: GP_PRACTICE_GROUP, functions: [...GP_PRACTICE_FUNCTIONS], csmsAccess: true },
  { code: "R9809", name: "Nursing associates", userGroup: GP_PRACTICE_GROUP, functions: [...GP_PRACTICE_FUNCTIONS], csmsAccess: true },
  { code: "R9816", name: "Trainee nursing associates", userGroup: GP_PRACTICE_GROUP, functions: [...GP_PRACTICE_FUNCTIONS], csmsAccess: true },
  { code: "R1480", name: "Healthcare assistant", userGroup: GP_PRACTICE_GROUP, functions: [...GP_PRACTICE_FUNCTIONS], csmsAccess: true },
  { code: "R8003", name: "Health professional", userGroup: GP_PRACTICE_GROUP, functions: [...GP_PRACTICE_FUNCTIONS], csmsAccess: true },
  { code: "R8006", name: "Medical secretary", userGroup: GP_PRACTICE_GROUP, functions: [...GP_PRACTICE_FUNCTIONS], csmsAccess: true },
  { code: "R8010", name: "Clerical access role", userGroup: GP_PRACTICE_GROUP, functions: [...GP_PRACTICE_FUNCTIONS], csmsAccess: true },
  { code: "R1730", name: "Receptionist", userGroup: GP_PRACTICE_GROUP, functions: [...GP_PRACTICE_FUNCTIONS], csmsAccess: true },
  // The page labels both R8008 and R8009 just "admin".
  { code: "R8008", name: "Admin", userGroup: GP_PRACTICE_GROUP, functions: [...GP_PRACTICE_FUNCTIONS], csmsAccess: true },
  { code: "R8009", name: "Admin", userGroup: GP_PRACTICE_GROUP, functions: [...GP_PRACTICE_FUNCTIONS], csmsAccess: true },
];

// Real national RBAC job roles (names as in the NHS RBAC code list) that are NOT on the CSMS page as read, used by
// the demo seed for the "no valid role" case. These are governance roles, unlikely to sit in the unread sections.
// R8004 "Healthcare Student Access Role" was left out on purpose: it might be in the unread sample taker list.
const NO_CSMS_GROUP = "None (not a CSMS job role)";

export const otherJobRoles: JobRoleSeed[] = [
  { code: "R0001", name: "Privacy Officer", userGroup: NO_CSMS_GROUP, functions: [], csmsAccess: false },
  { code: "R5105", name: "Caldicott Guardian", userGroup: NO_CSMS_GROUP, functions: [], csmsAccess: false },
];
