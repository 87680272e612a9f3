// Bad input is a 400 naming the field to fix, through the JSON API and the Server Action alike, and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changePersonAction } from "@/app/people/[smartcardId]/actions";
import { DENSHAM, QUEENS_PARK, demoPeople } from "@/prisma/seed/demo";
import { signInAs, signOut } from "./support/session";
import { apiChange, errorBody, versionOf, writeSnapshot, type ChangeInput, type ChangeKind } from "./support/api";

// The advanced RA agent may make all four kinds of change, so every refusal here is about the input.
beforeAll(async () => {
  await signInAs("advanced@ra.example");
});
afterAll(() => signOut());

const A81002 = QUEENS_PARK.odsCode;
const TEN_KB = 10 * 1024;

// Valid changes for advanced@ra.example (the control at the end proves it); each case breaks one field.
const valid: Record<ChangeKind, { smartcardId: string; odsCode: string; roleCode?: string }> = {
  "role.add": { smartcardId: demoPeople.noWorkgroupClerical, odsCode: A81002, roleCode: "R8001" },
  "role.remove": { smartcardId: demoPeople.canLogInClerical, odsCode: A81002, roleCode: "R8010" },
  "workgroup.add": { smartcardId: demoPeople.noWorkgroupClerical, odsCode: A81002 },
  "workgroup.remove": { smartcardId: demoPeople.canLogInClerical, odsCode: A81002 },
};
const ALL = Object.keys(valid) as ChangeKind[];
const ROLES: ChangeKind[] = ["role.add", "role.remove"];
const ADDS: ChangeKind[] = ["role.add", "workgroup.add"];

type Field = "smartcardId" | "odsCode" | "roleCode" | "reason" | "version" | "requestId" | "acknowledgeWarning" | "justification";
type BadCase = { name: string; kinds: ChangeKind[]; field: Field; patch: Record<string, unknown>; message: RegExp };

const MISSING = undefined; // JSON.stringify drops the key; the action sees it absent.

const badCases: BadCase[] = [
  // Smartcard IDs (in the URL for the API, in the input for the action).
  { name: "an 11-digit smartcard ID", kinds: ALL, field: "smartcardId", patch: { smartcardId: "5555 0000 002" }, message: /12 digits.*11/ },
  { name: "a smartcard ID with letters", kinds: ALL, field: "smartcardId", patch: { smartcardId: "5555 abcd 0002" }, message: /only digits.*"a"/ },
  { name: "a doubled dash in the smartcard ID", kinds: ALL, field: "smartcardId", patch: { smartcardId: "5555--0000-0002" }, message: /single space or dash/ },
  { name: "a 13-digit smartcard ID", kinds: ADDS, field: "smartcardId", patch: { smartcardId: "5555000000021" }, message: /12 digits.*13/ },
  { name: "an empty smartcard ID", kinds: ADDS, field: "smartcardId", patch: { smartcardId: "" }, message: /Enter a smartcard ID/ },
  { name: "a 10 KB smartcard ID", kinds: ALL, field: "smartcardId", patch: { smartcardId: "5".repeat(TEN_KB) }, message: /too long/ },
  // ODS codes.
  // Fails today: scope is checked before existence, so no actor can ever reach the 400 (see lib/services/person-changes.ts).
  { name: "an unknown ODS code", kinds: ALL, field: "odsCode", patch: { odsCode: "Z99999" }, message: /No organisation with ODS code Z99999/ },
  { name: "a malformed ODS code", kinds: ALL, field: "odsCode", patch: { odsCode: "A8100!" }, message: /An ODS code is letters and digits/ },
  { name: "an ODS code where the person has no position", kinds: ALL, field: "odsCode", patch: { odsCode: DENSHAM.odsCode }, message: /no position at A81001/ },
  { name: "a 10 KB ODS code", kinds: ADDS, field: "odsCode", patch: { odsCode: "A".repeat(TEN_KB) }, message: /An ODS code is/ },
  { name: "a missing ODS code", kinds: ADDS, field: "odsCode", patch: { odsCode: MISSING }, message: /Choose an organisation/ },
  // Job roles.
  { name: "an unknown role code", kinds: ["role.add"], field: "roleCode", patch: { roleCode: "R9999" }, message: /R9999 is not a CSMS job role/ },
  { name: "a non-CSMS role code", kinds: ["role.add"], field: "roleCode", patch: { roleCode: "R0001" }, message: /R0001 is not a CSMS job role/ },
  { name: "a malformed role code", kinds: ROLES, field: "roleCode", patch: { roleCode: "8001" }, message: /R followed by 4 digits/ },
  { name: "a 10 KB role code", kinds: ["role.add"], field: "roleCode", patch: { roleCode: "R".repeat(TEN_KB) }, message: /R followed by 4 digits/ },
  { name: "a missing role code", kinds: ["role.add"], field: "roleCode", patch: { roleCode: MISSING }, message: /Choose a job role/ },
  // Reasons.
  { name: "an empty reason", kinds: ALL, field: "reason", patch: { reason: "" }, message: /Enter a reason/ },
  { name: "a whitespace-only reason", kinds: ALL, field: "reason", patch: { reason: " \t\n  " }, message: /Enter a reason/ },
  { name: "a missing reason", kinds: ADDS, field: "reason", patch: { reason: MISSING }, message: /Enter a reason/ },
  { name: "a reason over 500 characters", kinds: ALL, field: "reason", patch: { reason: "x".repeat(501) }, message: /500 characters/ },
  { name: "a 10 KB reason", kinds: ["workgroup.add"], field: "reason", patch: { reason: "x".repeat(TEN_KB) }, message: /500 characters/ },
  { name: "a reason that is not a string", kinds: ["workgroup.add"], field: "reason", patch: { reason: 42 }, message: /reason/i },
  // Versions.
  { name: "a missing version", kinds: ALL, field: "version", patch: { version: MISSING }, message: /version is missing/ },
  { name: "a non-integer version", kinds: ALL, field: "version", patch: { version: 1.5 }, message: /version/ },
  { name: "a version given as a string", kinds: ADDS, field: "version", patch: { version: "1" }, message: /version/ },
  { name: "a zero version", kinds: ["workgroup.add"], field: "version", patch: { version: 0 }, message: /version/ },
  { name: "a negative version", kinds: ["workgroup.add"], field: "version", patch: { version: -3 }, message: /version/ },
  // Request references.
  { name: "a request reference with punctuation", kinds: ADDS, field: "requestId", patch: { requestId: "REQ 1; DROP" }, message: /letters, digits and dashes/ },
  { name: "a 10 KB request reference", kinds: ["workgroup.add"], field: "requestId", patch: { requestId: "R".repeat(TEN_KB) }, message: /at most 40/ },
  // The IG guard's acknowledgement (grants only): a justification is required with it, and must say something.
  { name: "an acknowledgement without a justification", kinds: ADDS, field: "justification", patch: { acknowledgeWarning: true }, message: /why this access is needed/ },
  { name: "an acknowledgement with a blank justification", kinds: ADDS, field: "justification", patch: { acknowledgeWarning: true, justification: "   " }, message: /why this access is needed/ },
  { name: "a justification under 10 characters", kinds: ADDS, field: "justification", patch: { acknowledgeWarning: true, justification: "needed" }, message: /at least 10 characters/ },
  { name: "a justification over 500 characters", kinds: ADDS, field: "justification", patch: { acknowledgeWarning: true, justification: "j".repeat(501) }, message: /500 characters/ },
  { name: "a justification that is not a string", kinds: ["workgroup.add"], field: "justification", patch: { acknowledgeWarning: true, justification: 42 }, message: /why this access is needed/ },
  { name: "an acknowledgement that is not true or false", kinds: ADDS, field: "acknowledgeWarning", patch: { acknowledgeWarning: "yes", justification: "Covers the Tuesday clinic" }, message: /true or false/ },
];

const table = badCases.flatMap((c) => c.kinds.map((kind) => ({ ...c, kind })));

async function badInput(kind: ChangeKind, patch: Record<string, unknown>): Promise<ChangeInput> {
  const target = valid[kind];
  return { ...target, reason: "Bad input test", version: await versionOf(target.smartcardId), ...patch } as ChangeInput;
}

describe.each([
  {
    via: "the JSON API",
    run: async (kind: ChangeKind, input: ChangeInput) => {
      const { status, body } = await apiChange(kind, input);
      return { status, code: body?.error?.code, fields: body?.error?.fields, body };
    },
  },
  {
    via: "the Server Action",
    run: async (kind: ChangeKind, input: ChangeInput) => {
      const result = await changePersonAction(kind, input);
      return result.ok ? { status: 200, code: null, fields: undefined, body: result } : { ...result, body: result };
    },
  },
])("through $via", ({ via, run }) => {
  it.each(table)("$kind with $name → 400 naming $field, nothing written", async ({ kind, patch, field, message }) => {
    const input = await badInput(kind, patch);
    const before = await writeSnapshot();

    const result = await run(kind, input);

    expect({ status: result.status, code: result.code }).toEqual({ status: 400, code: "bad_input" });
    expect(result.fields).toStrictEqual({ [field]: expect.stringMatching(message) });
    // A clear message: short, and never an echo of a huge input.
    expect(result.fields![field]!.length).toBeLessThan(200);
    expect(JSON.stringify(result.body).length).toBeLessThan(1000);
    if (via === "the JSON API") expect(result.body).toStrictEqual(errorBody("bad_input", result.fields));
    expect(await writeSnapshot()).toEqual(before);
  });
});

describe("control", () => {
  it.each(ALL)("the valid %s goes through", async (kind) => {
    const result = await changePersonAction(kind, await badInput(kind, {}));
    expect(result).toEqual({ ok: true, message: expect.any(String) });
  });

  it("an unknown kind of change is a 400 from the action", async () => {
    const before = await writeSnapshot();
    const result = await changePersonAction("role.grantAll" as ChangeKind, await badInput("role.add", {}));
    expect(result).toMatchObject({ ok: false, status: 400, code: "bad_input" });
    expect(await writeSnapshot()).toEqual(before);
  });
});
