"use client";

import { useEffect, useRef } from "react";
import Link from "next/link";
import { CheckAccess } from "./check-access";

export function SubmittedPanel({ reference }: { reference: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div role="status">
      <div className="mb-6 bg-nhs-green p-6 text-white">
        <h2 ref={heading} tabIndex={-1} className="mb-2 text-3xl font-bold">Request sent</h2>
        <p className="text-xl">
          Your reference is <strong data-testid="request-reference">{reference}</strong>
        </p>
      </div>
      <div className="card">
        <h2 className="mb-2 text-xl font-bold">What happens next</h2>
        <p className="mb-4">
          Your registration authority will check your Care Identity profile and add the CSMS job role and cervicalscreening workgroup
          you need, or tell you what else to do. Keep your reference: with your email address it shows the progress of your request on
          the <Link href="/requests/status">request status page</Link>.
        </p>
        <CheckAccess />
      </div>
    </div>
  );
}
