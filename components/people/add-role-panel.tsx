import type { PersonProfile } from "@/lib/data/people";
import { ChangeForm, type RoleChoices } from "./change-form";

type Props = {
  profile: PersonProfile;
  catalogue: { code: string; name: string; userGroup: string }[];
  changeable: string[];
  /** When the role is added in answer to a request, the change log links the two. */
  requestId?: string;
  /** Where the plan says a role is missing, so the fix link lands ready to use. */
  needsRoleAt?: string;
};

export function AddRolePanel({ profile, catalogue, changeable, requestId, needsRoleAt }: Props) {
  const organisations = profile.positions
    .filter((p) => changeable.includes(p.odsCode))
    .map((p) => ({ odsCode: p.odsCode, label: `${p.odsCode} ${p.orgName}` }));
  const roleGroups: RoleChoices["roleGroups"] = [];
  for (const role of catalogue) {
    let group = roleGroups.find((g) => g.userGroup === role.userGroup);
    if (!group) roleGroups.push((group = { userGroup: role.userGroup, roles: [] }));
    group.roles.push({ code: role.code, label: `${role.code} ${role.name}` });
  }
  const needsRole = needsRoleAt && changeable.includes(needsRoleAt) ? needsRoleAt : undefined;

  return (
    <section aria-labelledby="add-role-heading" className="card" id="add-role">
      <h2 id="add-role-heading" className="mb-1 text-xl font-bold">Add a job role</h2>
      <p className="mb-2 text-nhs-grey">Give CSMS access per person, at each organisation they work at.</p>
      <ChangeForm
        kind="role.add"
        idPrefix="add-role-"
        target={{
          smartcardId: profile.smartcardId,
          odsCode: needsRole ?? (organisations.length === 1 ? organisations[0]!.odsCode : ""),
          version: profile.version,
          requestId,
        }}
        choices={{ organisations, roleGroups }}
        submitLabel="Add job role"
      />
    </section>
  );
}
