import type { Metadata } from "next";
import Link from "next/link";
import { LoginForm } from "@/components/forms/login-form";
import { safeReturnPath } from "@/lib/safe-return-path";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  const { callbackUrl } = await searchParams;
  return (
    <div className="card max-w-xl">
      <h1 className="mb-4 text-3xl font-bold">Sign in</h1>
      <p className="mb-6">Registration Authority staff and auditors sign in to manage and review CSMS access.</p>
      <LoginForm returnTo={safeReturnPath(callbackUrl)} />
      <p className="mt-6">
        Staff who cannot get into CSMS do not need to sign in: <Link href="/requests/new">ask your registration authority for help</Link>.
      </p>
    </div>
  );
}
