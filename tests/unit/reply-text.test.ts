import { describe, expect, it } from "vitest";
import { diagnose, type Diagnosis } from "@/lib/domain/diagnosis";
import { describeFix, planFix } from "@/lib/domain/fix";
import type { IdentityCheck } from "@/lib/domain/identity";
import { LOGIN_STEPS, LOGOUT_REMINDER, replyText } from "@/lib/domain/reply-text";
import { triageText } from "@/lib/domain/triage";
import { csmsVerdict } from "@/lib/domain/verdict";
import { input, pos } from "./domain-fixtures";

const ID = "555512345678";

const MATCH: IdentityCheck = { state: "match", fields: [] };

function diagnosisFor(text: string, withProfile: "no_workgroup" | "ready" | "none", identity: IdentityCheck = MATCH, identityConfirmed = false): Diagnosis {
  const facts = input(pos("A81001", ["R8001"], withProfile === "ready" ? "wg" : false));
  const profile =
    withProfile === "none"
      ? null
      : {
          smartcardId: ID,
          name: "Priya Profileowner",
          verdict: csmsVerdict(facts),
          plan: planFix(facts, "A81001"),
          positions: [{ odsCode: "A81001", orgName: "The Densham Surgery" }],
        };
  return diagnose({ triage: triageText(text), requestOdsCode: null, profile, identity, identityConfirmed });
}

const reply = (diagnosis: Diagnosis, applied: { description: string }[] = []) =>
  replyText({ requesterName: "Sarah Jones", diagnosis, applied, officerName: "Anne Officer" });

function expectLoginSteps(text: string, present: boolean) {
  for (const fragment of ["https://cervicalscreening.nhs.uk", '"Log in with my Care Identity"', "Smartcard or Authenticator app", "Choose a role", "Patient Search page"]) {
    expect(text.includes(fragment)).toBe(present);
  }
  expect(text.includes(LOGOUT_REMINDER)).toBe(present);
}

describe("replyText", () => {
  it("after a change: greeting, what changed, how to check, how to log out, sign-off", () => {
    const d = diagnosisFor(`no workgroup, ${ID}`, "no_workgroup");
    const applied = d.suggestedActions.map((a) => ({ description: describeFix(a, "The Densham Surgery") }));
    const text = reply(d, applied);
    expect(text.startsWith("Dear Sarah Jones,\n")).toBe(true);
    expect(text).toContain("\n- Add the cervicalscreening workgroup at A81001 (The Densham Surgery)\n");
    expectLoginSteps(text, true);
    LOGIN_STEPS.forEach((step, i) => expect(text).toContain(`${i + 1}. ${step}`));
    expect(text).toContain("closing the browser or removing your smartcard does not log you out of CSMS");
    expect(text.endsWith("Kind regards,\nAnne Officer\nRegistration Authority")).toBe(true);
  });

  it.each<[string, string, "no_workgroup" | "ready" | "none", string, boolean]>([
    ["a locked card", "my card is locked", "none", "self-service unlock tool", true],
    ["a technical problem", "certificate error in Chrome", "ready", "National Service Desk via the NHS England Customer Portal", true],
    ["no Care ID", "I have never had a Care ID", "none", "apply for a Care ID", false],
    ["a missing ID", "I need access to CSMS please", "none", "Please reply with your smartcard ID", false],
    ["an ID with no profile", `I need access to CSMS please, ${ID}`, "none", "We could not find a Care Identity profile", false],
  ])("%s: the route's text, and login steps only when there is something to check", (_label, text, withProfile, routeText, steps) => {
    const d = diagnosisFor(text, withProfile);
    const out = reply(d);
    expect(out).toContain(d.route!.text);
    expect(out).toContain(routeText);
    expectLoginSteps(out, steps);
  });

  it("someone who can already log in is told no change was needed, and how to check and log out", () => {
    const out = reply(diagnosisFor(`I require access to CSMS. ${ID}`, "ready"));
    expect(out).toContain("no change was needed");
    expect(out).toContain("choose the right role");
    expectLoginSteps(out, true);
  });

  it("nothing applied yet for a permissions problem: no steps that would only fail", () => {
    const out = reply(diagnosisFor(`no workgroup, ${ID}`, "no_workgroup"));
    expect(out).toContain("We have not changed your Care Identity profile yet");
    expectLoginSteps(out, false);
  });

  it("never shows the RA's internal notes", () => {
    const d = diagnosisFor(`It says no valid role, A81002. ${ID}`, "no_workgroup");
    expect(d.disagreements.length).toBeGreaterThan(0);
    const out = reply(d, [{ description: "Add the cervicalscreening workgroup at A81001" }]);
    for (const note of d.disagreements) expect(out).not.toContain(note);
  });

  it("a blank name or officer still reads properly", () => {
    const out = replyText({ requesterName: " ", diagnosis: diagnosisFor("card locked", "none"), applied: [], officerName: "" });
    expect(out.startsWith("Hello,\n")).toBe(true);
    expect(out.endsWith("Kind regards,\nRegistration Authority")).toBe(true);
  });

  describe("when the requester does not match the profile", () => {
    const emailDiffers: IdentityCheck = { state: "mismatch", fields: ["email", "name"] };
    const noEmail: IdentityCheck = { state: "no_profile_email", fields: ["email"] };

    it.each<[string, IdentityCheck]>([
      ["details differ", emailDiffers],
      ["the profile has no email", noEmail],
    ])("%s: says so, asks for confirmation, names nobody and changes nothing", (_label, identity) => {
      const d = diagnosisFor(`no workgroup, ${ID}`, "no_workgroup", identity);
      expect(d.suggestedActions).not.toEqual([]);
      const out = reply(d);
      expect(out).toContain("We could not match the details in your request to the Care Identity profile");
      expect(out).toContain("ask your sponsor or line manager to confirm your request");
      expect(out).not.toContain("Priya");
      expect(out).not.toContain("Profileowner");
      expect(out).not.toContain("We have made these changes");
      expect(out).not.toContain("The Densham Surgery");
      expectLoginSteps(out, false);
      expect(out.startsWith("Dear Sarah Jones,\n")).toBe(true);
      expect(out.endsWith("Kind regards,\nAnne Officer\nRegistration Authority")).toBe(true);
    });

    it("once the officer has confirmed who they are, the usual reply", () => {
      const d = diagnosisFor(`no workgroup, ${ID}`, "no_workgroup", emailDiffers, true);
      const out = reply(d);
      expect(out).not.toContain("We could not match");
      expect(out).toContain("We have not changed your Care Identity profile yet");
    });

    it("changes already applied (after confirming in person) are reported, not the mismatch", () => {
      const d = diagnosisFor(`no workgroup, ${ID}`, "no_workgroup", emailDiffers);
      const out = reply(d, [{ description: "Add the cervicalscreening workgroup at A81001 (The Densham Surgery)" }]);
      expect(out).toContain("We have made these changes");
      expect(out).not.toContain("We could not match");
    });

    it("a route still wins: a locked card is answered with the unlock route", () => {
      const d = diagnosisFor(`my card is locked, ${ID}`, "no_workgroup", emailDiffers);
      const out = reply(d);
      expect(out).toContain("self-service unlock tool");
      expect(out).not.toContain("We could not match");
    });

    it("a match gets the usual reply", () => {
      const out = reply(diagnosisFor(`no workgroup, ${ID}`, "no_workgroup"));
      expect(out).not.toContain("We could not match");
    });
  });
});
