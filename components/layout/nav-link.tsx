"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** "page" on the page itself; "true" inside its section (a request under Requests), so the place is announced. */
export function currentFor(href: string, pathname: string): "page" | "true" | undefined {
  if (pathname === href) return "page";
  return href !== "/" && pathname.startsWith(`${href}/`) ? "true" : undefined;
}

/** A header navigation link that says which page (or section) you are on, to screen readers and by a bar under it. */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const current = currentFor(href, usePathname());
  return (
    <Link href={href} aria-current={current} className="text-white aria-[current]:no-underline aria-[current]:shadow-[0_3px_0_#fff]">
      {children}
    </Link>
  );
}
