"use client";

import { useEffect, useRef } from "react";
import Link from "next/link";
import { CheckAccess } from "./check-access";

/** The NHS confirmation pattern: the reference in a green panel, then what happens next and when. */
export function SubmittedPanel({ reference, nextSteps, routed }: { reference: string; nextSteps: string[]; routed: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus the confirmation so a screen reader announces it, as it replaced the form the user was on.
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <div className="mb-6 bg-nhs-green p-6 text-white">
        <h1 ref={heading} tabIndex={-1} className="mb-2 text-3xl font-bold">Request sent</h1>
        <p className="text-xl">
          Your reference is <strong data-testid="request-reference">{reference}</strong>
        </p>
      </div>
      <div className="card">
        <h2 className="mb-2 text-xl font-bold">What happens next</h2>
        <p className="mb-2">We have sent a confirmation to your work email address.</p>
        {nextSteps.map((line) => (
          <p key={line} className="mb-2" data-testid={routed ? "next-steps" : "next-steps-unrouted"}>{line}</p>
        ))}
        <p className="mb-4">
          Keep your reference: with your email address it shows the progress of your request on the{" "}
          <Link href="/requests/status">request status page</Link>, where you can also reply if your registration authority asks you
          for something.
        </p>
        <CheckAccess />
      </div>
    </>
  );
}
