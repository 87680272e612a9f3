// First-run set-up for the embedded default: a data folder and a local .env with fresh random secrets.
// Idempotent: an existing .env is kept as it is, so rerunning setup never rotates keys under existing data.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";

mkdirSync("data", { recursive: true });

if (!existsSync(".env")) {
  const secret = () => randomBytes(32).toString("base64url");
  writeFileSync(
    ".env",
    [
      "# Written by `npm run setup` for this machine only; never commit it. See .env.example.",
      `NEXTAUTH_SECRET=${secret()}`,
      `AUDIT_HMAC_KEY=${secret()}`,
      "AUTH_TRUST_HOST=true",
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  console.log("Created .env with new random secrets.");
}
