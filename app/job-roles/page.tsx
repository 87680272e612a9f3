import type { Metadata } from "next";
import { JobRoleForm } from "@/components/admin/job-role-form";
import { JobRoleImport } from "@/components/admin/job-role-import";
import { authorisePage } from "@/lib/auth/authorise";
import { pageMetadata } from "@/lib/auth/page-metadata";
import { decide } from "@/lib/auth/rules";
import { listJobRoles } from "@/lib/data/job-roles";
import { groupsWithoutCodes } from "@/lib/domain/csms-user-groups";

export const generateMetadata = (): Promise<Metadata> => pageMetadata({ kind: "person:read" }, "Job role catalogue");

export default async function JobRolesPage() {
  const actor = await authorisePage({ kind: "person:read" }, "/job-roles");
  const canEdit = decide(actor, { kind: "reference:change" }).allowed;
  const roles = await listJobRoles();
  const missing = groupsWithoutCodes(roles);
  // Listed by user group (CSMS grants functions per group), groups whose codes CSMS accepts first.
  const groups = [...new Set(roles.map((r) => r.userGroup))].map((userGroup) => ({ userGroup, roles: roles.filter((r) => r.userGroup === userGroup) }));
  return (
    <>
      <h1 className="mb-2 text-3xl font-bold">Job role catalogue</h1>
      <p className="mb-6 max-w-3xl">
        The RBAC job roles the console knows, and whether CSMS accepts each at login. The verdict on every profile is worked out from
        this list. {canEdit ? "Changes are recorded in the change log." : "Only RA managers can change it."}
      </p>
      {missing.length > 0 && (
        <section className="card border-l-4 border-nhs-warm-yellow" aria-labelledby="missing-groups-heading">
          <h2 id="missing-groups-heading" className="text-xl font-bold">CSMS user groups with no codes loaded</h2>
          <ul className="list-disc pl-5">
            {missing.map((group) => (
              <li key={group}>
                <strong>{group}</strong>: no codes loaded — CSMS will refuse these staff
              </li>
            ))}
          </ul>
          {canEdit && <p className="mt-2">Import their codes below from the NHS England &ldquo;CSMS job roles&rdquo; page.</p>}
        </section>
      )}
      {groups.map(({ userGroup, roles: groupRoles }, index) => (
        <section key={userGroup} className="card" aria-labelledby={`user-group-${index}`}>
          <h2 id={`user-group-${index}`} className="mb-2 text-xl font-bold">{userGroup}</h2>
          <table className="table">
            <caption className="sr-only">Job roles: {userGroup}</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col">CSMS access</th>
                <th scope="col">Functions</th>
              </tr>
            </thead>
            <tbody>
              {groupRoles.map((role) => (
                <tr key={role.code}>
                  <td data-label="Code" className="font-mono">{role.code}</td>
                  <td data-label="Name">
                    {role.name}
                    {canEdit && (
                      <details className="mt-1">
                        <summary className="cursor-pointer font-bold text-nhs-blue underline" aria-label={`Edit ${role.code}`}>Edit</summary>
                        <JobRoleForm mode="update" role={role} />
                      </details>
                    )}
                  </td>
                  <td data-label="CSMS access">{role.csmsAccess ? "Yes" : "No"}</td>
                  <td data-label="Functions">
                    <ul className="list-disc pl-5 text-sm">
                      {role.functions.map((f) => (
                        <li key={f}>{f}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {canEdit && (
        <section className="card" aria-labelledby="add-job-role-heading">
          <h2 id="add-job-role-heading" className="text-xl font-bold">Add a job role</h2>
          <JobRoleForm mode="add" />
        </section>
      )}
      {canEdit && (
        <section className="card" aria-labelledby="import-job-roles-heading">
          <h2 id="import-job-roles-heading" className="text-xl font-bold">Import job roles from a CSV file</h2>
          <JobRoleImport />
        </section>
      )}
    </>
  );
}
