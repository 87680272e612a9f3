// First-run set-up for the embedded default: a data folder and a local .env with fresh random secrets.
// Idempotent: an existing .env is kept as it is, so rerunning setup never rotates keys under existing data;
// a secret added in a later release (AUDIT_CHECKPOINT_KEY) is appended to it once if it is missing.
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

mkdirSync("data", { recursive: true });

const secret = () => randomBytes(32).toString("base64url");

if (!existsSync(".env")) {
  writeFileSync(
    ".env",
    [
      "# Written by `npm run setup` for this machine only; never commit it. See .env.example.",
      `NEXTAUTH_SECRET=${secret()}`,
      `AUDIT_HMAC_KEY=${secret()}`,
      // Signs the audit checkpoints; a key of its own, so the chain's key alone cannot forge them.
      `AUDIT_CHECKPOINT_KEY=${secret()}`,
      "AUTH_TRUST_HOST=true",
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  console.log("Created .env with new random secrets.");
} else if (!/^AUDIT_CHECKPOINT_KEY=/m.test(readFileSync(".env", "utf8"))) {
  const text = readFileSync(".env", "utf8");
  appendFileSync(".env", `${text.endsWith("\n") || text === "" ? "" : "\n"}AUDIT_CHECKPOINT_KEY=${secret()}\n`);
  console.log("Added AUDIT_CHECKPOINT_KEY to .env (signs the audit checkpoints).");
}
