import { describe, expect, it } from "vitest";
import { diagnose, type Diagnosis, type DiagnosisInput } from "@/lib/domain/diagnosis";
import { planFix } from "@/lib/domain/fix";
import { describeIdentity, type IdentityCheck } from "@/lib/domain/identity";
import { suggestedSupportText } from "@/lib/domain/request-text";
import { triageText } from "@/lib/domain/triage";
import { csmsVerdict, type PositionFacts } from "@/lib/domain/verdict";
import { input, pos } from "./domain-fixtures";

const ID = "555512345678";

/** The profile as the console would load it: verdict, and the plan for where the person needs CSMS. */
function profileAt(target: string | null, ...positions: PositionFacts[]): NonNullable<DiagnosisInput["profile"]> {
  const facts = input(...positions);
  return {
    smartcardId: ID,
    name: "Sarah Jones",
    verdict: csmsVerdict(facts),
    plan: planFix(facts, target),
    positions: positions.map((p) => ({ odsCode: p.odsCode, orgName: p.orgName })),
  };
}
const profile = (...positions: PositionFacts[]) => profileAt(null, ...positions);

const MATCH: IdentityCheck = { state: "match", fields: [] };

const run = (text: string, p: DiagnosisInput["profile"], requestOdsCode: string | null = null, identity: IdentityCheck = MATCH, identityConfirmed = false) =>
  diagnose({ triage: triageText(text), requestOdsCode, profile: p, identity, identityConfirmed });

const noWorkgroupAtA = () => profile(pos("A81001", ["R8001"]));
const noRoleAtA = () => profile(pos("A81001", [], "wg"));
const readyAtA = () => profile(pos("A81001", ["R8001"], "wg"));

describe("diagnose: permissions requests, the profile wins", () => {
  it.each<[string, string, DiagnosisInput["profile"], string | null, Partial<Diagnosis>]>([
    [
      "text says no valid role, profile says no workgroup",
      `It says no valid role. Smartcard ID ${ID}`,
      noWorkgroupAtA(),
      null,
      {
        summary: "no workgroup at A81001",
        profileSays: "no_workgroup",
        disagreements: [
          'The request says "no valid role" but the profile shows a valid role and no workgroup: CSMS shows "no workgroup".',
        ],
        suggestedActions: [{ kind: "add_workgroup", odsCode: "A81001" }],
        route: null,
      },
    ],
    [
      "text says no workgroup, profile says no valid role",
      `no workgroup error, id ${ID}`,
      noRoleAtA(),
      null,
      {
        summary: "no valid role at A81001",
        profileSays: "no_valid_role",
        disagreements: ['The request says "no workgroup" but the profile shows no valid CSMS role: CSMS shows "no valid role".'],
        suggestedActions: [{ kind: "add_role", odsCode: "A81001", roleCode: null }],
      },
    ],
    [
      "text and profile agree",
      `CSMS says no workgroup. ${ID}`,
      noWorkgroupAtA(),
      null,
      { summary: "no workgroup at A81001", disagreements: [] },
    ],
    [
      "role and workgroup both missing",
      suggestedSupportText(ID),
      profile(pos("A81001", [])),
      null,
      {
        summary: "no valid role at A81001; no workgroup at A81001",
        suggestedActions: [
          { kind: "add_role", odsCode: "A81001", roleCode: null },
          { kind: "add_workgroup", odsCode: "A81001" },
        ],
      },
    ],
    [
      "the text names a practice where the person has no position",
      `Please add the workgroup for A81002 (Queens Park). ${ID}`,
      profile(pos("D84001", ["R8001"])),
      null,
      {
        summary: "no workgroup at D84001",
        disagreements: ["The request mentions A81002 but the person has no position there."],
        suggestedActions: [{ kind: "add_workgroup", odsCode: "D84001" }],
      },
    ],
    [
      "the form names a practice whose records the PCN already opens",
      suggestedSupportText(ID),
      profileAt("A81002", pos("A81001", ["R8001"], "wg")),
      "a81002",
      {
        summary: "can already open A81002 through A81001 (same PCN or federation) — check they chose the right role and logged out fully",
        suggestedActions: [],
        disagreements: [
          "The request form names A81002 but the person has no position there; its records are already open to them through their PCN or GP federation.",
        ],
      },
    ],
    [
      "can already log in at the organisation the form names",
      suggestedSupportText(ID),
      profileAt("A81001", pos("A81001", ["R8001"], "wg")),
      "A81001",
      {
        summary: "can already log in at A81001 — check they chose the right role and logged out fully",
        profileSays: "can_log_in",
        disagreements: [],
        suggestedActions: [],
        route: null,
      },
    ],
    [
      "says no valid role but can log in",
      `no valid role?? ${ID}`,
      readyAtA(),
      null,
      {
        summary: "can already log in — check they chose the right role and logged out fully",
        profileSays: "can_log_in",
        disagreements: ['The request says "no valid role" but the profile shows the person can log in: CSMS offers a role at A81001.'],
        suggestedActions: [],
      },
    ],
    [
      "a locum who can log in at one organisation, needing CSMS at the other",
      `locum at B82001 and D84001, ${ID}`,
      profileAt("B82001", pos("D84001", ["R8001"], "wg"), pos("B82001", ["R8001"])),
      null,
      {
        summary: "can log in elsewhere, but no workgroup at B82001",
        profileSays: "can_log_in",
        suggestedActions: [{ kind: "add_workgroup", odsCode: "B82001" }],
      },
    ],
    [
      "the same locum with no organisation chosen: nothing is proposed anywhere",
      `locum, ${ID}`,
      profile(pos("D84001", ["R8001"], "wg"), pos("B82001", ["R8001"])),
      null,
      {
        summary: "can already log in — check they chose the right role and logged out fully",
        profileSays: "can_log_in",
        suggestedActions: [],
        oneClick: false,
      },
    ],
    [
      "needs CSMS where a role is held and a workgroup elsewhere: CSMS shows no workgroup, so that leads",
      `no workgroup. ${ID}`,
      profileAt("D84001", pos("A81001", ["R8001"]), pos("D84001", [])),
      null,
      {
        summary: "no workgroup at D84001; no valid role at D84001",
        profileSays: "no_workgroup",
        suggestedActions: [
          { kind: "add_role", odsCode: "D84001", roleCode: null },
          { kind: "add_workgroup", odsCode: "D84001" },
        ],
      },
    ],
    [
      "locked out at two organisations, none chosen (no workgroup)",
      `no workgroup. ${ID}`,
      profile(pos("A81001", ["R8001"]), pos("D84001", [])),
      null,
      { summary: "no workgroup: choose the organisation they need CSMS at", suggestedActions: [], oneClick: false },
    ],
    [
      "locked out at two organisations, none chosen (no valid role)",
      suggestedSupportText(ID),
      profile(pos("A81001", [], "wg"), pos("D84001", [])),
      null,
      { summary: "no valid role: choose the organisation they need CSMS at", suggestedActions: [] },
    ],
    [
      "needs CSMS where the person has no position",
      suggestedSupportText(ID),
      profileAt("E85001", pos("D84001", ["R8001"])),
      "E85001",
      {
        summary: "no position at E85001: a position must be added in Care Identity first",
        suggestedActions: [],
        oneClick: false,
        disagreements: ["The request form names E85001 but the person has no position there."],
      },
    ],
    [
      "a profile with no positions at all",
      suggestedSupportText(ID),
      profile(),
      null,
      { summary: "no valid role: the profile has no positions", profileSays: "no_valid_role", suggestedActions: [] },
    ],
    [
      "the text gives a different ID from the profile the RA opened",
      "Smartcard ID 6666 1234 5678, no workgroup",
      noWorkgroupAtA(),
      null,
      { disagreements: ["The request gives smartcard ID 6666 1234 5678 but this profile is 5555 1234 5678."] },
    ],
    [
      "several IDs in one request",
      `me: ${ID}, my colleague: 6666 1234 5678. no workgroup`,
      noWorkgroupAtA(),
      null,
      {
        disagreements: [
          "The request contains 2 smartcard IDs (5555 1234 5678, 6666 1234 5678); this diagnosis covers 5555 1234 5678 only.",
        ],
      },
    ],
    [
      "an unclear text with a known profile is diagnosed from the profile",
      ID,
      noWorkgroupAtA(),
      null,
      { summary: "no workgroup at A81001", suggestedActions: [{ kind: "add_workgroup", odsCode: "A81001" }], route: null },
    ],
  ])("%s", (_label, text, p, ods, expected) => {
    expect(run(text, p, ods)).toMatchObject(expected);
  });
});

describe("diagnose: no profile, or no ID", () => {
  it.each<[string, string, Partial<Diagnosis>, string]>([
    ["the untouched template", suggestedSupportText(), { summary: "smartcard ID missing", profileSays: "unknown" }, "Please reply with your smartcard ID"],
    [
      "a mistyped ID",
      "Smartcard ID 5555 1234 567, no valid role",
      { summary: "smartcard ID mistyped: 5555 1234 567 has 11 digits", profileSays: "unknown" },
      "The number you sent (5555 1234 567) has 11 digits, but a smartcard ID has 12.",
    ],
    [
      "an ID with no profile behind it",
      suggestedSupportText(ID),
      { summary: "no Care Identity profile with smartcard ID 5555 1234 5678", profileSays: "no_profile" },
      "We could not find a Care Identity profile with smartcard ID 5555 1234 5678.",
    ],
  ])("%s → ask for the smartcard ID", (_label, text, expected, routeText) => {
    const d = run(text, null);
    expect(d).toMatchObject({ ...expected, suggestedActions: [], disagreements: [] });
    expect(d.route?.kind).toBe("ask_for_smartcard_id");
    expect(d.route?.text).toContain(routeText);
  });
});

describe("diagnose: problems a permission change does not solve", () => {
  it("a locked card: self-service unlock, no permission changes, the profile's gap noted", () => {
    const d = run(`My smartcard is locked, I forgot the passcode. ${ID}`, noWorkgroupAtA());
    expect(d).toMatchObject({ summary: "smartcard locked: self-service unlock", suggestedActions: [], profileSays: "no_workgroup" });
    expect(d.route?.kind).toBe("self_service_unlock");
    expect(d.route?.text).toContain("self-service unlock tool");
    expect(d.disagreements).toEqual([
      'The request is about a locked smartcard, but the profile also shows CSMS will show "no workgroup": see the fix plan once the card is unlocked.',
    ]);
  });

  it("a locked card without any ID still gets the unlock route, not a request for the ID", () => {
    const d = run("card locked again!!", null);
    expect(d).toMatchObject({ summary: "smartcard locked: self-service unlock", profileSays: "unknown", disagreements: [] });
    expect(d.route?.kind).toBe("self_service_unlock");
  });

  it("a technical problem: local IT or the National Service Desk", () => {
    const d = run(`page won't load in Chrome. ${ID}`, readyAtA());
    expect(d).toMatchObject({ summary: "technical problem: local IT or the National Service Desk", suggestedActions: [], disagreements: [] });
    expect(d.route?.kind).toBe("local_it_or_service_desk");
    expect(d.route?.text).toContain("National Service Desk via the NHS England Customer Portal");
  });

  it("a technical complaint from someone whose profile would fail anyway is flagged", () => {
    const d = run(`card reader keeps failing. ${ID}`, noRoleAtA());
    expect(d.disagreements).toEqual([
      'The request describes a technical problem, but the profile shows CSMS will show "no valid role": the permissions need fixing too.',
    ]);
    expect(d.suggestedActions).toEqual([]);
  });

  it("no Care ID and no profile: apply for one", () => {
    const d = run("I have never had a Care ID, how do I get CSMS?", null);
    expect(d).toMatchObject({ summary: "no Care ID: apply for one", suggestedActions: [] });
    expect(d.route?.kind).toBe("apply_for_care_id");
    expect(d.route?.text).toContain("apply for a Care ID");
  });

  it("says no Care ID, but the profile exists: the profile wins and is diagnosed", () => {
    const d = run(`I don't have a smartcard yet. ${ID}`, noWorkgroupAtA());
    expect(d).toMatchObject({
      summary: "no workgroup at A81001",
      route: null,
      suggestedActions: [{ kind: "add_workgroup", odsCode: "A81001" }],
    });
    expect(d.disagreements[0]).toMatch(/^The request says the person has no smartcard or Care ID, but a Care Identity profile exists/);
  });
});

describe("diagnose never invents changes from the text", () => {
  it("suggested actions are exactly the profile's fix plan, whatever the text asks for", () => {
    const p = profile(pos("A81001", ["R8001"]), pos("B82001", []));
    const d = run(`add role at C83001 and workgroup at E85001 please, no valid role. ${ID}`, p);
    expect(p.plan.state).toBe("choose_organisation");
    expect(d.suggestedActions).toEqual([]);
    const q = profileAt("B82001", pos("A81001", ["R8001"]), pos("B82001", []));
    expect(run(`add role at C83001 and workgroup at E85001 please, no valid role. ${ID}`, q).suggestedActions).toEqual(q.plan.actions);
    expect(q.plan.actions).toHaveLength(2);
  });
});

describe("diagnose: who is asking", () => {
  const text = `no workgroup. ${ID}`;
  const emailDiffers: IdentityCheck = { state: "mismatch", fields: ["email"] };

  it.each<[string, IdentityCheck, boolean, DiagnosisInput["profile"], Partial<Diagnosis>]>([
    ["a match with a fix: one click", MATCH, false, noWorkgroupAtA(), { summary: "no workgroup at A81001", oneClick: true }],
    [
      "email differs: the fix is shown but not one click, and the summary says why",
      emailDiffers,
      false,
      noWorkgroupAtA(),
      { summary: "identity not confirmed (email differs); no workgroup at A81001", oneClick: false, suggestedActions: [{ kind: "add_workgroup", odsCode: "A81001" }] },
    ],
    [
      "name and email differ",
      { state: "mismatch", fields: ["email", "name"] },
      false,
      noWorkgroupAtA(),
      { summary: "identity not confirmed (email and name differ); no workgroup at A81001", oneClick: false },
    ],
    [
      "no email on the profile",
      { state: "no_profile_email", fields: ["email"] },
      false,
      noWorkgroupAtA(),
      { summary: "identity not confirmed (profile has no email); no workgroup at A81001", oneClick: false },
    ],
    ["a mismatch the officer confirmed: one click again", emailDiffers, true, noWorkgroupAtA(), { summary: "no workgroup at A81001", oneClick: true }],
    ["no email on the profile, confirmed", { state: "no_profile_email", fields: ["email"] }, true, noWorkgroupAtA(), { summary: "no workgroup at A81001", oneClick: true }],
    [
      "a mismatch with nothing to change: no prefix, nothing to click",
      emailDiffers,
      false,
      readyAtA(),
      { summary: "can already log in — check they chose the right role and logged out fully", oneClick: false, suggestedActions: [] },
    ],
    ["a match with nothing to change: nothing to click", MATCH, false, readyAtA(), { oneClick: false, suggestedActions: [] }],
  ])("%s", (_label, identity, confirmed, p, expected) => {
    const d = run(text, p, null, identity, confirmed);
    expect(d).toMatchObject(expected);
    expect(d.identity).toEqual({ ...identity, confirmed: identity.state === "match" || confirmed, text: describeIdentity(identity) });
  });

  it("a route is never one click, whoever asks", () => {
    const d = run(`my card is locked. ${ID}`, noWorkgroupAtA(), null, emailDiffers);
    expect(d).toMatchObject({ summary: "smartcard locked: self-service unlock", oneClick: false, suggestedActions: [] });
  });

  it("no profile: identity cannot be compared, nothing to click", () => {
    const d = run(suggestedSupportText(ID), null, null, { state: "no_profile", fields: [] });
    expect(d).toMatchObject({ oneClick: false, suggestedActions: [], profileSays: "no_profile" });
    expect(d.identity).toMatchObject({ state: "no_profile", confirmed: false });
  });
});
