import type { Metadata } from "next";
import { ConsoleUserForm } from "@/components/admin/console-user-form";
import { SignOutEverywhere } from "@/components/admin/sign-out-everywhere";
import { authorisePage } from "@/lib/auth/authorise";
import { pageMetadata } from "@/lib/auth/page-metadata";
import { consoleRoleNames, type ConsoleRole } from "@/lib/auth/rules";
import { listConsoleUsers } from "@/lib/data/console-user-admin";
import { listLiveSessions } from "@/lib/data/console-users";
import { organisationsByCode } from "@/lib/data/organisations";
import { formatSmartcardId } from "@/lib/domain/smartcard";
import { UkDateTime } from "@/components/ui/uk-time";

export const generateMetadata = (): Promise<Metadata> => pageMetadata({ kind: "users:manage" }, "Console users");

export default async function ConsoleUsersPage() {
  const actor = await authorisePage({ kind: "users:manage" }, "/console-users");
  const [users, mine] = await Promise.all([listConsoleUsers(), organisationsByCode(actor.odsCodes)]);
  const sessions = await listLiveSessions(users.map((u) => u.id));

  return (
    <>
      <h1 className="mb-2 text-3xl font-bold">Console users</h1>
      <p className="mb-6 max-w-3xl">
        RA agents and auditors, and the organisations each acts for. You can give only organisations you act for yourself. Every change is
        recorded in the change log and applies on the person&apos;s next request. Link each account to the person&apos;s own Care Identity
        profile: nobody can change their own profile.
      </p>
      <div className="card">
        <table className="table">
          <caption className="sr-only">Console users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Organisations</th>
              <th scope="col">Active</th>
              <th scope="col">Signed in</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => {
              const editable = u.id !== actor.id && u.role !== "ra_manager";
              const live = sessions.get(u.id) ?? [];
              return (
                <tr key={u.id}>
                  <td data-label="Name">
                    {u.name}
                    <span className="block break-all text-sm text-nhs-grey">{u.email}</span>
                    <span className="block text-sm text-nhs-grey">
                      {u.smartcardId ? `Own profile: ${formatSmartcardId(u.smartcardId)}` : "No Care Identity profile linked"}
                      {u.careIdentityLinked ? " · signs in with Care Identity" : ""}
                    </span>
                    {editable && (
                      <details className="mt-1">
                        <summary className="cursor-pointer font-bold text-nhs-blue underline" aria-label={`Change ${u.name}`}>Change</summary>
                        <ConsoleUserForm user={{ ...u, role: u.role as "ra_agent" | "advanced_ra_agent" | "auditor" }} organisations={mine} />
                      </details>
                    )}
                  </td>
                  <td data-label="Role">{consoleRoleNames[u.role as ConsoleRole] ?? u.role}</td>
                  <td data-label="Organisations" className="font-mono text-sm">{u.organisations.join(", ") || "—"}</td>
                  <td data-label="Active">{u.active ? "Yes" : "No"}</td>
                  <td data-label="Signed in">
                    {live.length === 0 ? (
                      "Not signed in"
                    ) : (
                      <details>
                        <summary className="cursor-pointer" aria-label={`${u.name}: ${live.length} live session${live.length === 1 ? "" : "s"}`}>
                          {live.length} live session{live.length === 1 ? "" : "s"}
                        </summary>
                        <table className="mt-1 text-sm">
                          <caption className="sr-only">Live sessions of {u.name}</caption>
                          <thead>
                            <tr>
                              <th scope="col">Started</th>
                              <th scope="col">Last seen</th>
                            </tr>
                          </thead>
                          <tbody>
                            {live.map((s, i) => (
                              <tr key={i}>
                                <td data-label="Started"><UkDateTime at={s.startedAt} /></td>
                                <td data-label="Last seen"><UkDateTime at={s.lastSeenAt} /></td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </details>
                    )}
                    {editable && live.length > 0 && <SignOutEverywhere user={{ id: u.id, name: u.name }} />}
                  </td>
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
