// Typed failures, mapped to the contract's error JSON (and to form messages) in one place.
export type ErrorCode =
  | "bad_input"
  | "not_signed_in"
  | "forbidden"
  | "not_found"
  | "version_conflict"
  | "already_exists"
  | "ig_warning"
  | "identity_unconfirmed"
  | "rate_limited"
  | "server_error";

const statusOf: Record<ErrorCode, number> = {
  bad_input: 400,
  not_signed_in: 401,
  forbidden: 403,
  not_found: 404,
  version_conflict: 409,
  already_exists: 409,
  ig_warning: 409,
  identity_unconfirmed: 409,
  rate_limited: 429,
  server_error: 500,
};

export class ConsoleError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly warnings?: string[],
  ) {
    super(message);
    this.name = "ConsoleError";
  }

  get status(): number {
    return statusOf[this.code];
  }
}

export const badInput = (message: string, fields?: Record<string, string>) =>
  new ConsoleError("bad_input", message, fields);
export const notSignedIn = () => new ConsoleError("not_signed_in", "Sign in to use the console.");
export const forbidden = (message: string) => new ConsoleError("forbidden", message);
export const notFound = (message: string) => new ConsoleError("not_found", message);
export const versionConflict = (message = "This profile changed since you opened it — reload to see the latest and try again.") =>
  new ConsoleError("version_conflict", message);
export const requestChanged = () => versionConflict("This request changed since you opened it — reload to see the latest and try again.");
export const alreadyExists = (message: string) => new ConsoleError("already_exists", message);
export const igWarning = (warnings: string[]) =>
  new ConsoleError(
    "ig_warning",
    `Check this grant: ${warnings.join(" ")} To go ahead, acknowledge the warning and say why the access is needed.`,
    undefined,
    warnings,
  );
export const identityUnconfirmed = (message: string) => new ConsoleError("identity_unconfirmed", message, { requestId: message });

export type Problem = { status: number; code: ErrorCode; message: string; fields?: Record<string, string>; warnings?: string[] };

/** Known failures keep their message; anything else is logged by the caller and shown as a generic fault. */
export function toProblem(error: unknown): Problem | null {
  if (error instanceof ConsoleError) {
    return { status: error.status, code: error.code, message: error.message, fields: error.fields, ...(error.warnings ? { warnings: error.warnings } : {}) };
  }
  if (unstorableValue(error)) {
    return { status: 400, code: "bad_input", message: "The input holds a character or a number the database cannot store (a NUL character, or a number too large)." };
  }
  return null;
}

// PostgreSQL refuses, with an error, values SQLite stores: a NUL character in text (22021, 22P05) and integers past
// 32 bits (22003). They can only come from the input, so they are the client's to fix, never a 500.
const UNSTORABLE_CODES = new Set(["22021", "22P05", "22003"]);

function unstorableValue(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } } | undefined, depth = 0; e && depth < 5; depth++) {
    const cause = e as { originalCode?: unknown };
    if (UNSTORABLE_CODES.has(String(cause.originalCode))) return true;
    e = (e.meta?.driverAdapterError ?? e.cause) as typeof e;
  }
  return false;
}
