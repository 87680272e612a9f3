import type { Metadata } from "next";
import { JobRoleForm } from "@/components/admin/job-role-form";
import { authorisePage } from "@/lib/auth/authorise";
import { decide } from "@/lib/auth/rules";
import { listJobRoles } from "@/lib/data/job-roles";

export const metadata: Metadata = { title: "Job role catalogue" };

export default async function JobRolesPage() {
  const actor = await authorisePage({ kind: "person:read" }, "/job-roles");
  const canEdit = decide(actor, { kind: "reference:change" }).allowed;
  const roles = await listJobRoles();
  return (
    <>
      <h1 className="mb-2 text-3xl font-bold">Job role catalogue</h1>
      <p className="mb-6 max-w-3xl">
        The RBAC job roles the console knows, and whether CSMS accepts each at login. The verdict on every profile is worked out from
        this list. {canEdit ? "Changes are recorded in the change log." : "Only RA managers can change it."}
      </p>
      <div className="card overflow-x-auto">
        <table className="table">
          <caption className="sr-only">Job roles</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">CSMS user group</th>
              <th scope="col">CSMS access</th>
              <th scope="col">Functions</th>
            </tr>
          </thead>
          <tbody>
            {roles.map((role) => (
              <tr key={role.code}>
                <td className="font-mono">{role.code}</td>
                <td>
                  {role.name}
                  {canEdit && (
                    <details className="mt-1">
                      <summary className="cursor-pointer font-bold text-nhs-blue underline" aria-label={`Edit ${role.code}`}>Edit</summary>
                      <JobRoleForm mode="update" role={role} />
                    </details>
                  )}
                </td>
                <td>{role.userGroup}</td>
                <td>{role.csmsAccess ? "Yes" : "No"}</td>
                <td>
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
      </div>
      {canEdit && (
        <section className="card" aria-labelledby="add-job-role-heading">
          <h2 id="add-job-role-heading" className="text-xl font-bold">Add a job role</h2>
          <JobRoleForm mode="add" />
        </section>
      )}
    </>
  );
}
