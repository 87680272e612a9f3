import { decide, type ConsoleActor } from "@/lib/auth/rules";

export type ChangeRights = {
  /** Organisations where this officer may add or remove job roles on this profile. */
  roles: string[];
  /** ...add or remove the cervicalscreening workgroup. */
  workgroups: string[];
  /** ...ask an advanced RA agent or RA manager for a workgroup change. */
  ask: string[];
  /** ...create the organisation's own cervicalscreening workgroup, where it has none yet. */
  orgWorkgroups: string[];
};

/** What the officer may do to this profile, asked of `decide()` so pages never re-state the rules. */
export function changeRights(actor: ConsoleActor, smartcardId: string, odsCodes: string[]): ChangeRights {
  const where = (check: (odsCode: string) => boolean) => odsCodes.filter(check);
  return {
    roles: where((odsCode) => decide(actor, { kind: "person:change", smartcardId, odsCode, subject: "role" }).allowed),
    workgroups: where((odsCode) => decide(actor, { kind: "person:change", smartcardId, odsCode, subject: "workgroup" }).allowed),
    ask: where((odsCode) => decide(actor, { kind: "change:ask", smartcardId, odsCode }).allowed),
    orgWorkgroups: where((odsCode) => decide(actor, { kind: "organisation:create-workgroup", odsCode }).allowed),
  };
}

export const noRights: ChangeRights = { roles: [], workgroups: [], ask: [], orgWorkgroups: [] };
