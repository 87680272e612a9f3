import type { Metadata } from "next";
import { ConsoleUserForm } from "@/components/admin/console-user-form";
import { authorisePage } from "@/lib/auth/authorise";
import { consoleRoleNames, type ConsoleRole } from "@/lib/auth/rules";
import { listConsoleUsers } from "@/lib/data/console-user-admin";
import { organisationsByCode } from "@/lib/data/organisations";

export const metadata: Metadata = { title: "Console users" };

export default async function ConsoleUsersPage() {
  const actor = await authorisePage({ kind: "users:manage" }, "/console-users");
  const [users, mine] = await Promise.all([listConsoleUsers(), organisationsByCode(actor.odsCodes)]);

  return (
    <>
      <h1 className="mb-2 text-3xl font-bold">Console users</h1>
      <p className="mb-6 max-w-3xl">
        RA agents and auditors, and the organisations each acts for. You can give only organisations you act for yourself. Every change is
        recorded in the change log and applies on the person&apos;s next request.
      </p>
      <div className="card overflow-x-auto">
        <table className="table">
          <caption className="sr-only">Console users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Organisations</th>
              <th scope="col">Active</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => {
              const editable = u.id !== actor.id && u.role !== "ra_manager";
              return (
                <tr key={u.id}>
                  <td>
                    {u.name}
                    <span className="block break-all text-sm text-nhs-grey">{u.email}</span>
                    {editable && (
                      <details className="mt-1">
                        <summary className="cursor-pointer font-bold text-nhs-blue underline" aria-label={`Change ${u.name}`}>Change</summary>
                        <ConsoleUserForm user={{ ...u, role: u.role as "ra_agent" | "advanced_ra_agent" | "auditor" }} organisations={mine} />
                      </details>
                    )}
                  </td>
                  <td>{consoleRoleNames[u.role as ConsoleRole] ?? u.role}</td>
                  <td className="font-mono text-sm">{u.organisations.join(", ") || "—"}</td>
                  <td>{u.active ? "Yes" : "No"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="add-user-heading">
        <h2 id="add-user-heading" className="text-xl font-bold">Add a console user</h2>
        <ConsoleUserForm organisations={mine} />
      </section>
    </>
  );
}
