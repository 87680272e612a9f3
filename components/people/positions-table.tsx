import type { PersonProfile } from "@/lib/data/people";
import { UkDate } from "@/components/ui/uk-time";
import type { ChangeRights } from "@/lib/services/change-rights";
import { AskForm } from "./ask-form";
import { ChangeForm } from "./change-form";
import { CreateWorkgroupForm } from "@/components/organisations/create-workgroup-form";
import { Disclosure } from "./disclosure";
import { GrantDates } from "./grant-dates";

/** With a requestId, every change made here is linked to that request in the change log. */
type Props = { profile: PersonProfile; rights: ChangeRights; requestId?: string; asked?: string[] };

export function PositionsTable({ profile, rights, requestId, asked = [] }: Props) {
  const base = { smartcardId: profile.smartcardId, version: profile.version, requestId };
  return (
    <section aria-labelledby="positions-heading" className="card">
      <h2 id="positions-heading" className="mb-3 text-xl font-bold">Positions</h2>
      {profile.positions.length === 0 ? (
        <p>No positions.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">ODS code</th>
              <th scope="col">Job roles</th>
              <th scope="col">cervicalscreening workgroup</th>
            </tr>
          </thead>
          <tbody>
            {profile.positions.map((p) => {
              const canChange = rights.roles.includes(p.odsCode);
              const workgroupVerb = p.cervicalScreeningWorkgroup ? "Remove" : "Add";
              return (
                <tr key={p.positionId}>
                  <td data-label="Organisation">
                    {p.orgName}
                    {p.groups.length > 0 && (
                      <span className="block text-sm text-nhs-grey">Part of {p.groups.map((g) => `${g.name} (${g.odsCode})`).join(" and ")}</span>
                    )}
                    {p.lapsed.map((g) => (
                      <span key={`${g.kind}-${g.roleCode}`} className="block text-sm" data-testid="lapsed-grant">
                        {g.kind === "role" ? `${g.roleCode} ${g.roleName}` : "cervicalscreening workgroup"}: ended (expired) on <UkDate at={g.endsAt} />
                      </span>
                    ))}
                  </td>
                  <td data-label="ODS code" className="font-mono">{p.odsCode}</td>
                  <td data-label="Job roles">
                    {p.roleGrants.length === 0 && <span>None</span>}
                    <ul>
                      {p.roleGrants.map((r) => (
                        <li key={r.roleCode} className="mb-1">
                          <span className="font-bold">{r.roleCode}</span> {r.roleName}
                          <GrantDates
                            grant={r}
                            target={{ kind: "role", smartcardId: profile.smartcardId, odsCode: p.odsCode, roleCode: r.roleCode, version: profile.version }}
                            canChange={canChange}
                            label={`${r.roleCode} at ${p.odsCode}`}
                          />
                          {canChange && (
                            <Disclosure summary={`Remove ${r.roleCode}`} label={`Remove ${r.roleCode} ${r.roleName} at ${p.odsCode}`}>
                              <ChangeForm
                                kind="role.remove"
                                tone="warning"
                                idPrefix={`remove-${p.odsCode}-${r.roleCode}-`}
                                target={{ ...base, odsCode: p.odsCode, roleCode: r.roleCode }}
                                submitLabel={`Remove ${r.roleCode} at ${p.odsCode}`}
                              />
                            </Disclosure>
                          )}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-label="cervicalscreening workgroup">
                    {p.cervicalScreeningWorkgroup ? (
                      <span>
                        Yes
                        {p.workgroupGrant && (
                          <GrantDates
                            grant={p.workgroupGrant}
                            target={{ kind: "workgroup", smartcardId: profile.smartcardId, odsCode: p.odsCode, version: profile.version }}
                            canChange={rights.workgroups.includes(p.odsCode)}
                            label={`the cervicalscreening workgroup at ${p.odsCode}`}
                          />
                        )}
                      </span>
                    ) : (
                      <span>No</span>
                    )}
                    {!p.cervicalScreeningWorkgroup && !p.orgHasWorkgroup ? (
                      <span className="block text-sm" data-testid="no-org-workgroup">
                        {p.odsCode} has no cervicalscreening workgroup yet: an RA manager or advanced RA agent must create it first.
                        {rights.orgWorkgroups.includes(p.odsCode) && (
                          <Disclosure summary="Create the organisation's workgroup" label={`Create the cervicalscreening workgroup at ${p.odsCode}`}>
                            <CreateWorkgroupForm odsCode={p.odsCode} idPrefix={`create-workgroup-${p.odsCode}-`} />
                          </Disclosure>
                        )}
                      </span>
                    ) : rights.workgroups.includes(p.odsCode) ? (
                      <Disclosure
                        summary={p.cervicalScreeningWorkgroup ? "Remove workgroup" : "Add workgroup"}
                        label={`${p.cervicalScreeningWorkgroup ? "Remove" : "Add"} the cervicalscreening workgroup at ${p.odsCode}`}
                      >
                        <ChangeForm
                          kind={p.cervicalScreeningWorkgroup ? "workgroup.remove" : "workgroup.add"}
                          tone={p.cervicalScreeningWorkgroup ? "warning" : "go"}
                          idPrefix={`workgroup-${p.odsCode}-`}
                          target={{ ...base, odsCode: p.odsCode }}
                          submitLabel={`${p.cervicalScreeningWorkgroup ? "Remove" : "Add"} workgroup at ${p.odsCode}`}
                        />
                      </Disclosure>
                    ) : asked.includes(p.odsCode) ? (
                      <span className="block text-sm text-nhs-grey">Workgroup change asked for</span>
                    ) : (
                      rights.ask.includes(p.odsCode) && (
                        <Disclosure summary={`Ask: ${workgroupVerb.toLowerCase()} workgroup`} label={`Ask for the cervicalscreening workgroup at ${p.odsCode} to be ${p.cervicalScreeningWorkgroup ? "removed" : "added"}`}>
                          <AskForm
                            idPrefix={`ask-workgroup-${p.odsCode}-`}
                            target={{ kind: p.cervicalScreeningWorkgroup ? "workgroup.remove" : "workgroup.add", smartcardId: profile.smartcardId, odsCode: p.odsCode, requestId }}
                            what={`${workgroupVerb.toLowerCase()} workgroup at ${p.odsCode}`}
                          />
                        </Disclosure>
                      )
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
