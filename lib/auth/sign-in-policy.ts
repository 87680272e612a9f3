// How sign-in slows guessing down without letting a stranger lock an officer out. Pure numbers and arithmetic.

const MINUTE = 60 * 1000;

export const SIGN_IN_POLICY = {
  // Wrong passwords for one email (within `failureMemoryMs`) before each further try has to wait.
  freeFailures: 5,
  // The wait after the last wrong password doubles with each one past the free ones, up to the cap; the right
  // password works again as soon as the wait is over, so nobody can keep an account shut for long.
  firstDelayMs: 2 * 1000,
  maxDelayMs: 5 * MINUTE,
  failureMemoryMs: 60 * MINUTE,
  // The first failure for an email is written to the change log at once; the rest in this window are counted
  // and written as one summary event when the window has closed, or at the next successful sign-in.
  summaryWindowMs: 15 * MINUTE,
  // Failed attempts from one network address, whatever the email: stops spraying one password across accounts.
  perAddress: [
    { limit: 30, windowMs: 10 * MINUTE },
    { limit: 100, windowMs: 60 * MINUTE },
  ],
} as const;

/** How long after the last wrong password the next try must wait, given the wrong passwords remembered. */
export function signInDelayMs(failures: number): number {
  const { freeFailures, firstDelayMs, maxDelayMs } = SIGN_IN_POLICY;
  if (failures < freeFailures) return 0;
  return Math.min(maxDelayMs, firstDelayMs * 2 ** (failures - freeFailures));
}
