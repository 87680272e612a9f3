import type { Metadata } from "next";
import { publicTitle } from "@/lib/page-title";
import Link from "next/link";
import { StatusForm } from "@/components/requests/status-form";

export const metadata: Metadata = { title: publicTitle("Check a request") };

export default function RequestStatusPage() {
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 text-3xl font-bold">Check a request for CSMS access</h1>
      <p className="mb-6">
        Enter the reference you were given and your work email address. No sign-in is needed. <Link href="/requests/new">Send a new request</Link>.
      </p>
      <StatusForm />
    </div>
  );
}
