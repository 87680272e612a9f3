// The public help form's schema: the untouched template placeholder, several organisations, the API's extra field.
import { describe, expect, it } from "vitest";
import { suggestedSupportText, templatePlaceholders } from "@/lib/domain/request-text";
import { otherOrganisationStates } from "@/lib/domain/other-organisations";
import { triageText } from "@/lib/domain/triage";
import type { Verdict } from "@/lib/domain/verdict";
import { MAX_ORGANISATIONS, RequestApiSchema, RequestFormSchema } from "@/lib/validations/request";

const base = { name: "Sam Taker", email: "sam.taker@nhs.net", organisation: "A81001", message: suggestedSupportText("555512345678") };
const fieldsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("templatePlaceholders", () => {
  it.each([
    ["the guidance's own", suggestedSupportText(), "(Enter your smartcard ID number)"],
    ["lower case, square brackets", "Smartcard ID: [enter your smartcard id]", "[enter your smartcard id]"],
    ["angle brackets, bare field", "Smartcard ID: <Smartcard ID here>", "<Smartcard ID here>"],
    ["insert, spaced", "ID: ( insert your smart card number )", "( insert your smart card number )"],
  ])("finds %s", (_label, text, found) => {
    expect(templatePlaceholders(text).map((p) => p.text)).toEqual([found]);
    expect(templatePlaceholders(text)[0]?.aboutSmartcardId).toBe(true);
  });

  it("finds a placeholder about something else, and says it is not the smartcard ID", () => {
    expect(templatePlaceholders("I work at (enter your ODS code).")).toEqual([{ text: "(enter your ODS code)", start: 10, aboutSmartcardId: false }]);
  });

  it.each([
    ["the filled-in template", suggestedSupportText("555512345678")],
    ["ordinary brackets", "CSMS (the screening system) says (no valid role) at my practice (A81001) [RA]."],
    ["an ID in brackets", "My smartcard ID is (5555 1234 5678)."],
    ["an unclosed bracket", "Smartcard ID: (Enter your smartcard ID number"],
  ])("finds none in %s", (_label, text) => {
    expect(templatePlaceholders(text)).toEqual([]);
  });
});

describe("triageText and template placeholders (an RA pasting an email)", () => {
  it.each([suggestedSupportText(), "Smartcard ID: [enter your smartcard id]. CSMS says no workgroup.", "My ID is <Smartcard ID here>"])(
    "flags the placeholder left in %j, highlighted once",
    (text) => {
      const t = triageText(text);
      expect(t.placeholderUntouched).toBe(true);
      expect(t.spans.filter((s) => s.kind === "placeholder")).toHaveLength(1);
    },
  );

  it.each([suggestedSupportText("555512345678"), "I work at (enter your ODS code) and CSMS (the new system) says no workgroup."])("flags nothing in %j", (text) => {
    expect(triageText(text).placeholderUntouched).toBe(false);
  });
});

describe("RequestFormSchema", () => {
  it("refuses the untouched placeholder with no smartcard ID, asking for the real one", () => {
    const result = RequestFormSchema.safeParse({ ...base, message: suggestedSupportText() });
    expect(fieldsOf(result)).toEqual({ message: expect.stringContaining("replace it with your 12-digit smartcard ID") });
  });

  it("accepts the placeholder when the ID is given in its own box, but not another placeholder", () => {
    expect(RequestFormSchema.safeParse({ ...base, smartcardId: "5555 1234 5678", message: suggestedSupportText() }).success).toBe(true);
    const other = RequestFormSchema.safeParse({ ...base, smartcardId: "5555 1234 5678", message: "At (enter your ODS code) I see no workgroup." });
    expect(fieldsOf(other)).toEqual({ message: expect.stringContaining("(enter your ODS code)") });
  });

  it("accepts the filled-in template, and reports the placeholder beside other errors", () => {
    expect(RequestFormSchema.safeParse(base).success).toBe(true);
    const both = RequestFormSchema.safeParse({ ...base, name: "", message: suggestedSupportText() });
    expect(Object.keys(fieldsOf(both)).sort()).toEqual(["message", "name"]);
  });

  it("takes further organisations, up to the limit, each one filled in", () => {
    const ok = RequestFormSchema.safeParse({ ...base, otherOrganisations: [{ organisation: " A81002 " }, { organisation: "Queens Park Health Centre" }] });
    expect(ok.data?.otherOrganisations).toEqual([{ organisation: "A81002" }, { organisation: "Queens Park Health Centre" }]);
    expect(RequestFormSchema.safeParse({ ...base, otherOrganisations: [] }).success).toBe(true);

    expect(fieldsOf(RequestFormSchema.safeParse({ ...base, otherOrganisations: [{ organisation: "A81002" }, { organisation: "  " }] }))).toEqual({
      "otherOrganisations.1.organisation": "Enter the ODS code or name, or remove this organisation",
    });
    const tooMany = Array.from({ length: MAX_ORGANISATIONS }, () => ({ organisation: "A81002" }));
    expect(Object.keys(fieldsOf(RequestFormSchema.safeParse({ ...base, otherOrganisations: tooMany })))).toEqual(["otherOrganisations"]);
    expect(Object.keys(fieldsOf(RequestFormSchema.safeParse({ ...base, otherOrganisations: "A81002" })))).toEqual(["otherOrganisations"]);
  });
});

describe("RequestApiSchema", () => {
  const api = { name: base.name, email: base.email, message: base.message };

  it("still takes the version 1 body without the new field", () => {
    expect(RequestApiSchema.safeParse({ ...api, odsCode: "A81001" }).data).toMatchObject({ odsCode: "A81001" });
    expect(RequestApiSchema.safeParse(api).success).toBe(true);
  });

  it("takes otherOdsCodes as ODS codes, upper-cased, only beside odsCode", () => {
    expect(RequestApiSchema.safeParse({ ...api, odsCode: "A81001", otherOdsCodes: ["a81002", "U90001"] }).data?.otherOdsCodes).toEqual(["A81002", "U90001"]);
    expect(Object.keys(fieldsOf(RequestApiSchema.safeParse({ ...api, odsCode: "A81001", otherOdsCodes: ["not a code"] })))).toEqual(["otherOdsCodes.0"]);
    expect(Object.keys(fieldsOf(RequestApiSchema.safeParse({ ...api, otherOdsCodes: ["A81002"] })))).toEqual(["odsCode"]);
    expect(Object.keys(fieldsOf(RequestApiSchema.safeParse({ ...api, odsCode: "A81001", otherOdsCodes: Array(MAX_ORGANISATIONS).fill("A81002") })))).toEqual(["otherOdsCodes"]);
  });

  it("refuses the untouched placeholder without a smartcard ID too", () => {
    expect(Object.keys(fieldsOf(RequestApiSchema.safeParse({ ...api, message: suggestedSupportText() })))).toEqual(["message"]);
    expect(RequestApiSchema.safeParse({ ...api, smartcardId: "555512345678", message: suggestedSupportText() }).success).toBe(true);
  });
});

describe("otherOrganisationStates", () => {
  const verdict = {
    canLogIn: true,
    error: null,
    selectable: [{ odsCode: "A81001", roleCode: "R8001" }],
    coveredOdsCodes: ["A81001", "A81005"],
    organisations: [
      { odsCode: "A81001", orgName: "A", csmsRoles: ["R8001"], otherRoles: [], cervicalScreeningWorkgroup: true, orgHasWorkgroup: true, status: "ready", coveredBy: null },
      { odsCode: "A81002", orgName: "B", csmsRoles: ["R8001"], otherRoles: [], cervicalScreeningWorkgroup: false, orgHasWorkgroup: true, status: "missing_workgroup", coveredBy: null },
    ],
  } satisfies Verdict;
  const names = new Map([["A81002", "Queens Park Medical Centre"]]);

  it("says where CSMS lets them in (own or through the group), what is missing, and where they hold no position", () => {
    expect(otherOrganisationStates(["A81002", "A81005", "B82001"], names, verdict)).toEqual([
      { odsCode: "A81002", name: "Queens Park Medical Centre", state: "missing_workgroup" },
      { odsCode: "A81005", name: null, state: "can_log_in" },
      { odsCode: "B82001", name: null, state: "no_position" },
    ]);
  });

  it("knows nothing without a profile", () => {
    expect(otherOrganisationStates(["A81002"], names, null)).toEqual([{ odsCode: "A81002", name: "Queens Park Medical Centre", state: "unknown" }]);
  });
});
