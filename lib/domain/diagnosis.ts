import { NO_ORG_WORKGROUP, type FixAction, type FixPlan } from "./fix";
import { describeIdentity, type IdentityCheck } from "./identity";
import { parseOdsCode } from "./ods";
import { formatSmartcardId } from "./smartcard";
import type { CsmsErrorMention, Triage } from "./triage";
import type { Verdict } from "./verdict";

export type DiagnosisInput = {
  triage: Triage;
  requestOdsCode: string | null; // ODS code given in the form, if any
  profile: null | {
    smartcardId: string;
    name: string;
    verdict: Verdict;
    plan: FixPlan;
    positions: { odsCode: string; orgName: string }[];
  };
  identity: IdentityCheck;
  // How the officer confirmed identity when the request did not match the profile, if they have.
  identityConfirmed: boolean;
};

type RouteKind = "self_service_unlock" | "apply_for_care_id" | "local_it_or_service_desk" | "ask_for_smartcard_id";

export type Diagnosis = {
  summary: string; // one line for the inbox
  profileSays: "can_log_in" | "no_valid_role" | "no_workgroup" | "no_profile" | "unknown";
  disagreements: string[]; // where the text and the profile differ; the profile wins
  suggestedActions: FixAction[]; // only ever the profile's fix plan, never guessed from the text
  route: null | { kind: RouteKind; text: string };
  identity: IdentityCheck & { confirmed: boolean; text: string };
  // Fixes are one click only when the requester matches the profile or the officer confirmed who they are.
  oneClick: boolean;
};

type Profile = NonNullable<DiagnosisInput["profile"]>;

const SAYS: Record<CsmsErrorMention, string> = { no_valid_role: '"no valid role"', no_workgroup: '"no workgroup"' };

const ASK_FOR_ID =
  "Please reply with your smartcard ID: the 12-digit number on your Care Identity profile (often written in three groups of four, for example 1234 5678 9012), so that we can check your profile.";

const ROUTE_TEXT: Record<Exclude<RouteKind, "ask_for_smartcard_id">, string> = {
  self_service_unlock:
    "If your smartcard is locked or you have forgotten your passcode, you can unlock it yourself with the Care Identity self-service unlock tool. If that does not work, contact your local smartcard administrator or Registration Authority to unlock it.",
  apply_for_care_id:
    "You need a Care Identity (Care ID) before CSMS access permissions can be added. Follow the NHS England guidance on how to apply for a Care ID; once you have one, send us your smartcard ID and we will add the CSMS permissions.",
  local_it_or_service_desk:
    "This looks like a technical problem rather than a problem with your access permissions, so a change to your Care Identity profile will not fix it. Contact your local IT team or the National Service Desk via the NHS England Customer Portal.",
};

const route = (kind: Exclude<RouteKind, "ask_for_smartcard_id">) => ({ kind, text: ROUTE_TEXT[kind] });
const digitsOf = (id: string) => id.replace(/\D/g, "");
const list = (codes: string[]) => [...new Set(codes)].join(", ");

function permissionsSummary(profile: Profile): string {
  const { verdict, plan } = profile;
  const at = (kind: FixAction["kind"]) => list(plan.actions.filter((a) => a.kind === kind).map((a) => a.odsCode));
  switch (plan.state) {
    case "already_has_access":
      return plan.coveredBy
        ? `can already open ${plan.odsCode} through ${plan.coveredBy} (same PCN or federation) — check they chose the right role and logged out fully`
        : `can already log in at ${plan.odsCode} — check they chose the right role and logged out fully`;
    case "no_position":
      return `no position at ${plan.odsCode}: a position must be added in Care Identity first`;
    case "choose_organisation":
      if (verdict.canLogIn) return "can already log in — check they chose the right role and logged out fully";
      if (profile.positions.length === 0) return "no valid role: the profile has no positions";
      return `${verdict.error === "no_workgroup" ? "no workgroup" : "no valid role"}: choose the organisation they need CSMS at`;
    case "fix": {
      const parts = [
        at("add_role") && `no valid role at ${at("add_role")}`,
        at("add_workgroup") && `no workgroup at ${at("add_workgroup")}`,
        at("create_org_workgroup") && `no workgroup at ${at("create_org_workgroup")} (${NO_ORG_WORKGROUP})`,
      ].filter(Boolean);
      // Lead with the error CSMS actually shows, so the inbox matches the login screen.
      if (verdict.error === "no_workgroup") parts.reverse();
      return verdict.canLogIn ? `can log in elsewhere, but ${parts.join("; ")}` : parts.join("; ");
    }
  }
}

function errorDisagreement(mentioned: CsmsErrorMention[], verdict: Verdict): string | null {
  if (mentioned.length === 0) return null;
  const said = mentioned.map((e) => SAYS[e]).join(" and ");
  if (verdict.canLogIn) {
    const where = list(verdict.selectable.map((s) => s.odsCode));
    return `The request says ${said} but the profile shows the person can log in: CSMS offers a role at ${where}.`;
  }
  // Someone who saw both errors (before and after a change) agrees with the profile if either matches.
  if (verdict.error === null || mentioned.includes(verdict.error)) return null;
  return verdict.error === "no_workgroup"
    ? `The request says ${said} but the profile shows a valid role and no workgroup: CSMS shows "no workgroup".`
    : `The request says ${said} but the profile shows no valid CSMS role: CSMS shows "no valid role".`;
}

function profileDisagreements(triage: Triage, requestOdsCode: string | null, profile: Profile): string[] {
  const out: string[] = [];
  const ids = triage.smartcardIds;
  const profileId = formatSmartcardId(profile.smartcardId);
  if (ids.length > 0 && !ids.includes(digitsOf(profile.smartcardId))) {
    out.push(`The request gives smartcard ID ${list(ids.map(formatSmartcardId))} but this profile is ${profileId}.`);
  } else if (ids.length > 1) {
    out.push(`The request contains ${ids.length} smartcard IDs (${list(ids.map(formatSmartcardId))}); this diagnosis covers ${profileId} only.`);
  }

  const held = new Set(profile.positions.map((p) => p.odsCode.toUpperCase()));
  const formCode = requestOdsCode === null ? null : parseOdsCode(requestOdsCode);
  const mentioned: [string, string][] = [];
  if (formCode?.ok) mentioned.push([formCode.value.code, "The request form names"]);
  for (const code of triage.odsCodes) {
    if (!mentioned.some(([c]) => c === code)) mentioned.push([code, "The request mentions"]);
  }
  for (const [code, lead] of mentioned) {
    if (held.has(code)) continue;
    const covered = profile.verdict.coveredOdsCodes.includes(code)
      ? "; its records are already open to them through their PCN or GP federation"
      : "";
    out.push(`${lead} ${code} but the person has no position there${covered}.`);
  }

  const error = errorDisagreement(triage.csmsErrors, profile.verdict);
  if (error !== null) out.push(error);
  return out;
}

function askForId(triage: Triage): { summary: string; text: string } {
  const miss = triage.nearMisses[0];
  if (miss === undefined) return { summary: "smartcard ID missing", text: ASK_FOR_ID };
  return {
    summary: `smartcard ID mistyped: ${miss.text} has ${miss.digits} digits`,
    text: `The number you sent (${miss.text}) has ${miss.digits} digits, but a smartcard ID has 12. ${ASK_FOR_ID}`,
  };
}

/**
 * Combines what the request says with what the Care Identity profile shows. The profile is the fact
 * (it is what CSMS checks); the text only tells the RA what the person believes, so differences are
 * reported for the reply, and changes are proposed only from the profile's fix plan.
 */
export function diagnose(input: DiagnosisInput): Diagnosis {
  const { triage, requestOdsCode, profile } = input;
  const confirmed = input.identity.state === "match" || input.identityConfirmed;
  const identity = { ...input.identity, confirmed, text: describeIdentity(input.identity) };
  const disagreements = profile ? profileDisagreements(triage, requestOdsCode, profile) : [];
  const profileSays: Diagnosis["profileSays"] = profile
    ? profile.verdict.canLogIn
      ? "can_log_in"
      : (profile.verdict.error ?? "no_valid_role")
    : triage.smartcardIds.length > 0
      ? "no_profile"
      : "unknown";
  const base = { profileSays, disagreements, suggestedActions: [] as FixAction[], route: null, identity, oneClick: false };

  // Non-permission problems get their route; a profile that also falls short is noted, not acted on,
  // because the reply must not send the person two ways at once.
  const alsoShort =
    profile && !profile.verdict.canLogIn ? `CSMS will show ${SAYS[profile.verdict.error ?? "no_valid_role"]}` : null;
  if (triage.category === "smartcard_locked") {
    if (alsoShort) disagreements.push(`The request is about a locked smartcard, but the profile also shows ${alsoShort}: see the fix plan once the card is unlocked.`);
    return { ...base, summary: "smartcard locked: self-service unlock", route: route("self_service_unlock") };
  }
  if (triage.category === "technical") {
    if (alsoShort) disagreements.push(`The request describes a technical problem, but the profile shows ${alsoShort}: the permissions need fixing too.`);
    return { ...base, summary: "technical problem: local IT or the National Service Desk", route: route("local_it_or_service_desk") };
  }
  if (triage.category === "no_care_id") {
    if (!profile) return { ...base, summary: "no Care ID: apply for one", route: route("apply_for_care_id") };
    // The profile wins: the person has a Care ID, so their access is diagnosed like any other request.
    disagreements.unshift(
      `The request says the person has no smartcard or Care ID, but a Care Identity profile exists (${formatSmartcardId(profile.smartcardId)}): their access is diagnosed from it.`,
    );
  }

  if (!profile) {
    if (triage.idMissing) {
      const ask = askForId(triage);
      return { ...base, summary: ask.summary, route: { kind: "ask_for_smartcard_id", text: ask.text } };
    }
    const shown = list(triage.smartcardIds.map(formatSmartcardId));
    const plural = triage.smartcardIds.length > 1 ? "IDs" : "ID";
    return {
      ...base,
      summary: `no Care Identity profile with smartcard ${plural} ${shown}`,
      route: {
        kind: "ask_for_smartcard_id",
        text: `We could not find a Care Identity profile with smartcard ${plural} ${shown}. Please check the number. ${ASK_FOR_ID}`,
      },
    };
  }

  // Permissions, and unclear texts with a known profile: the person wrote to the RA, so the profile decides.
  const summary = permissionsSummary(profile);
  const actions = [...profile.plan.actions];
  if (!confirmed && actions.length > 0) {
    const what = input.identity.state === "no_profile_email" ? "profile has no email" : `${input.identity.fields.join(" and ")} ${input.identity.fields.length > 1 ? "differ" : "differs"}`;
    return { ...base, summary: `identity not confirmed (${what}); ${summary}`, suggestedActions: actions };
  }
  return { ...base, summary, suggestedActions: actions, oneClick: actions.length > 0 };
}
