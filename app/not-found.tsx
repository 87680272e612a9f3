import type { Metadata } from "next";
import Link from "next/link";
import { NOT_FOUND_TITLE } from "@/lib/page-title";

export const metadata: Metadata = { title: NOT_FOUND_TITLE };

export default function NotFound() {
  return (
    <div className="card max-w-2xl">
      <h1 className="mb-4 text-3xl font-bold">{NOT_FOUND_TITLE}</h1>
      <p className="mb-4">
        If you typed or pasted a smartcard ID into the address, check it: a smartcard ID has 12 digits. There may be no Care Identity
        profile with that ID.
      </p>
      <Link href="/">Look up a person by smartcard ID</Link>
    </div>
  );
}
