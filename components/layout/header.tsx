import Link from "next/link";
import { consoleRoleNames, type ConsoleRole } from "@/lib/auth/rules";
import { NavLink } from "./nav-link";
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
                  <NavLink href="/">Look up a person</NavLink>
                </li>
                <li>
                  <NavLink href="/requests">Requests</NavLink>
                </li>
                <li>
                  <NavLink href="/job-roles">Job roles</NavLink>
                </li>
                {(actor.role === "ra_manager" || actor.role === "advanced_ra_agent") && (
                  <li>
                    <NavLink href="/approvals">Approvals</NavLink>
                  </li>
                )}
                {(actor.role === "ra_manager" || actor.role === "advanced_ra_agent") && (
                  <li>
                    <NavLink href="/reviews">Reviews</NavLink>
                  </li>
                )}
                {(actor.role === "ra_manager" || actor.role === "advanced_ra_agent") && (
                  <li>
                    <NavLink href="/bulk">Bulk changes</NavLink>
                  </li>
                )}
                {actor.role === "ra_manager" && (
                  <li>
                    <NavLink href="/console-users">Users</NavLink>
                  </li>
                )}
                {actor.role === "ra_manager" && (
                  <li>
                    <NavLink href="/outbox">Outbox</NavLink>
                  </li>
                )}
                {readsAudit && <li><Link href="/dashboard" className="text-white">Dashboard</Link></li>}
                {readsAudit && (
                  <li>
                    <NavLink href="/audit">Change log</NavLink>
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
