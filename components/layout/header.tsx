import Link from "next/link";
import { consoleRoleNames, type ConsoleRole } from "@/lib/auth/rules";
import { SignOutButton } from "./sign-out-button";

type Props = { actor: { name: string; role: ConsoleRole } | null };

export function Header({ actor }: Props) {
  const readsAudit = actor?.role === "auditor" || actor?.role === "ra_manager";
  return (
    <header className="bg-nhs-blue text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-4">
        <Link href="/" className="text-xl font-bold text-white no-underline hover:text-white">
          <span className="mr-2 rounded bg-white px-1.5 text-nhs-blue">NHS</span>
          RA console for CSMS access
        </Link>
        {actor && (
          <div className="flex flex-wrap items-center gap-4">
            <nav aria-label="Console">
              <ul className="flex flex-wrap gap-x-4 gap-y-1">
                <li>
                  <Link href="/" className="text-white">Look up a person</Link>
                </li>
                <li>
                  <Link href="/requests" className="text-white">Requests</Link>
                </li>
                <li>
                  <Link href="/job-roles" className="text-white">Job roles</Link>
                </li>
                {(actor.role === "ra_manager" || actor.role === "advanced_ra_agent") && (
                  <li>
                    <Link href="/approvals" className="text-white">Approvals</Link>
                  </li>
                )}
                {(actor.role === "ra_manager" || actor.role === "advanced_ra_agent") && (
                  <li>
                    <Link href="/reviews" className="text-white">Reviews</Link>
                  </li>
                )}
                {(actor.role === "ra_manager" || actor.role === "advanced_ra_agent") && (
                  <li>
                    <Link href="/bulk" className="text-white">Bulk changes</Link>
                  </li>
                )}
                {actor.role === "ra_manager" && (
                  <li>
                    <Link href="/console-users" className="text-white">Users</Link>
                  </li>
                )}
                {actor.role === "ra_manager" && (
                  <li>
                    <Link href="/outbox" className="text-white">Outbox</Link>
                  </li>
                )}
                {readsAudit && (
                  <li>
                    <Link href="/audit" className="text-white">Change log</Link>
                  </li>
                )}
              </ul>
            </nav>
            <p className="text-sm">
              {actor.name} <span className="opacity-90">({consoleRoleNames[actor.role]})</span>
            </p>
            <SignOutButton />
          </div>
        )}
      </div>
    </header>
  );
}
