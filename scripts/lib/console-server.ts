// The built console (`npm run build`) started as `npm start` starts it, and signed in to over HTTP the way a
// browser does, for the HTTP benchmarks and the multi-instance acceptance run.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "csms-demo-2026";

/** Secrets made afresh for this run, shared by the seed and every instance (one chain key for all). */
export function benchEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    AUDIT_HMAC_KEY: randomBytes(32).toString("base64url"),
    AUDIT_CHECKPOINT_KEY: randomBytes(32).toString("base64url"),
    AUDIT_CHECKPOINT_FILE: path.join(tmpdir(), `ra-console-bench-${process.pid}-checkpoints.jsonl`),
    AUTH_TRUST_HOST: "true",
    DEMO_PASSWORD,
  };
}

export type Server = { base: string; process: ChildProcess; stop: () => Promise<void> };

export async function startServer(port: number, env: NodeJS.ProcessEnv): Promise<Server> {
  if (!existsSync(path.join(".next", "BUILD_ID"))) throw new Error("No production build: run `npm run build` first.");
  const child = spawn(process.execPath, ["scripts/server.mjs", "-p", String(port)], {
    env: { ...env, NEXTAUTH_URL: `http://localhost:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stderr!.on("data", (chunk) => (log = (log + chunk).slice(-4000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The console did not start on ${port}: ${log}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("RA console on")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`The console exited (${code}): ${log}`)));
  });
  return {
    base: `http://localhost:${port}`,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]!);

/** next-auth's credentials sign-in over HTTP; returns the Cookie header of the signed-in session. */
export async function signIn(base: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin: base },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/`, json: "true" }),
  });
  const session = cookiesOf(response).filter((c) => c.includes("session-token"));
  if (session.length === 0) throw new Error(`Sign-in as ${email} failed (${response.status})`);
  return [...jar, ...session].join("; ");
}

/** A person's API view (positions, version), as the signed-in officer sees it. */
export async function getPerson(base: string, cookie: string, smartcardId: string) {
  const response = await fetch(`${base}/api/v1/people/${smartcardId}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`GET person ${smartcardId}: ${response.status}`);
  return (await response.json()) as { version: number; positions: { odsCode: string; roles: string[] }[] };
}
