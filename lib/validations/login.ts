import { z } from "zod";

export const LoginSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(254, "That email address is too long").email("Enter an email address like name@example.nhs.uk"),
  password: z.string().min(1, "Enter your password").max(200, "That password is too long"),
});

// A refused sign-in that should be tried again later reaches the form as next-auth's error code, "<why>:<seconds>".
const WAIT_CODES = { paused: "SignInPaused", rate_limited: "SignInRateLimited" } as const;
const WAIT_CODE = /^(SignInPaused|SignInRateLimited):(\d{1,6})$/;

export function signInWaitCode(why: keyof typeof WAIT_CODES, retryAfterSeconds: number): string {
  return `${WAIT_CODES[why]}:${Math.max(1, Math.ceil(retryAfterSeconds))}`;
}

/** What to tell someone whose sign-in was refused for now, or null when the code is not a wait. */
export function signInWaitMessage(code: string | null | undefined): string | null {
  const match = code ? WAIT_CODE.exec(code) : null;
  if (!match) return null;
  const seconds = Number(match[2]);
  const minutes = Math.ceil(seconds / 60);
  const wait = seconds < 60 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return match[1] === WAIT_CODES.paused
    ? `Sign-in for this email address is paused for a short while after several failed attempts. Try again in ${wait}.`
    : `Too many sign-in attempts have come from your network. Try again in ${wait}.`;
}
