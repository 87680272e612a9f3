"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" className="rounded border-2 border-white px-3 py-1 font-bold text-white" onClick={() => signOut({ callbackUrl: "/login" })}>
      Sign out
    </button>
  );
}
