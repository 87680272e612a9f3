import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const oidcPort = port + 1;
const smtpPort = port + 2;
const smtpHttpPort = port + 3;

// Debian's Chromium: Playwright cannot download its own browsers on these machines.
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? "list" : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      // A stand-in OIDC provider, so sign-in through Care Identity (CIS2) is tested end to end.
      command: `node tests/e2e/oidc-issuer.mjs`,
      url: `http://localhost:${oidcPort}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { OIDC_MOCK_PORT: String(oidcPort) },
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // A stand-in mail relay: the console delivers its outbox here, and the tests read what arrived.
      command: `node tests/e2e/smtp-sink.mjs`,
      url: `http://127.0.0.1:${smtpHttpPort}/messages`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { SMTP_SINK_PORT: String(smtpPort), SMTP_SINK_HTTP_PORT: String(smtpHttpPort) },
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // A database of its own, migrated and seeded afresh for every run.
      command: `rm -f data/e2e.db data/e2e.db-journal data/e2e.db-wal data/e2e.db-shm data/e2e-checkpoints.jsonl && prisma migrate deploy && tsx prisma/seed.ts && node scripts/server.mjs -p ${port}`,
      url: `http://localhost:${port}/login`,
      timeout: 180_000,
      reuseExistingServer: false,
      env: {
        DATABASE_URL: "file:./data/e2e.db",
        AUDIT_HMAC_KEY: "e2e-audit-key",
        AUDIT_CHECKPOINT_FILE: "data/e2e-checkpoints.jsonl",
        NEXTAUTH_SECRET: "e2e-session-secret-not-for-production",
        AUTH_TRUST_HOST: "true",
        NEXT_TELEMETRY_DISABLED: "1",
        OIDC_ISSUER: `http://localhost:${oidcPort}`,
        OIDC_CLIENT_ID: "ra-console-e2e",
        OIDC_CLIENT_SECRET: "e2e-oidc-client-secret",
        OIDC_NAME: "Care Identity",
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_FROM: "CSMS access <no-reply@ra.example>",
        PUBLIC_URL: `http://localhost:${port}`,
      },
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
