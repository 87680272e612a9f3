import { diagnose } from "@/lib/domain/diagnosis";
import { planFix } from "@/lib/domain/fix";
import { identityCheck } from "@/lib/domain/identity";
import { triageText } from "@/lib/domain/triage";
import type { PersonProfile } from "@/lib/data/people";

type RequestFacts = { name: string; email: string; message: string; odsCode: string | null; smartcardId: string | null; identityMethod: string | null };

/** The organisation the person needs CSMS at: the form's, else the officer's pick, else the first one the text names that they hold. */
function neededOrganisation(requestOdsCode: string | null, mentioned: string[], held: string[], picked: string | null): string | null {
  if (requestOdsCode) return requestOdsCode;
  if (picked && held.includes(picked)) return picked;
  return mentioned.find((code) => held.includes(code)) ?? null;
}

/** One diagnosis for the inbox row and the request page alike: triage, identity, the plan where the person needs CSMS. */
export function diagnoseRequest(request: RequestFacts, profile: PersonProfile | null, picked: string | null = null) {
  const triage = triageText(request.message);
  const held = profile ? profile.positions.map((p) => p.odsCode) : [];
  const target = profile ? neededOrganisation(request.odsCode, triage.odsCodes, held, picked) : null;
  const plan = profile ? planFix(profile.verdictInput, target) : null;
  const identity = identityCheck({ name: request.name, email: request.email }, profile);
  const diagnosis = diagnose({
    triage,
    requestOdsCode: request.odsCode,
    profile: profile && plan ? { ...profile, plan } : null,
    identity,
    identityConfirmed: request.identityMethod !== null,
  });
  return { triage, plan, diagnosis };
}

export const requestSmartcardId = (request: { smartcardId: string | null; message: string }) =>
  request.smartcardId ?? triageText(request.message).smartcardIds[0] ?? null;
