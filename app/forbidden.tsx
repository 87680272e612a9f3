import type { Metadata } from "next";
import Link from "next/link";
import { FORBIDDEN_TITLE } from "@/lib/page-title";

// Pages that can refuse also give this title themselves (lib/auth/page-metadata.ts): Next.js keeps the page's own.
export const metadata: Metadata = { title: FORBIDDEN_TITLE };

export default function Forbidden() {
  return (
    <div className="card max-w-2xl">
      <h1 className="mb-4 text-3xl font-bold">{FORBIDDEN_TITLE}</h1>
      <p className="mb-4">Your console role does not include this part of the console. If you need it, ask your RA manager.</p>
      <Link href="/">Go to the lookup</Link>
    </div>
  );
}
