// Demo seed: `npx tsx prisma/seed.ts` (part of `npm run setup`). Safe to rerun: it adds what is missing,
// upserts reference data, and never deletes. Everything is written in one transaction.
import { existsSync, readFileSync } from "node:fs";
import { databaseUrl, providerOf } from "../lib/data/database-url";
import { createClient, lockFirst, LOCK } from "../lib/data/connect";
import { parseEpraccur, parseWestSussexPcns, OdsImportError } from "./seed/ods-data";
import { importOrganisations, organisationIds, seedOrganisationWorkgroups } from "./seed/organisations";
import { recordSeedBaseline, seedConsoleUsers, seedJobRoles, seedPeople } from "./seed/demo-writer";
import {
  DEFAULT_DEMO_PASSWORD,
  LANCING_PCN,
  TRUST,
  demoConsoleUsers,
  demoOdsCodes,
  lancingPracticeCodes,
} from "./seed/demo";
import { demoPersonSeeds, demoWorkgroupOdsCodes } from "./seed/people";
import { seedTimeBound } from "./seed/time-bound";

const odsFile = (name: string) => new URL(`./seed/ods/${name}`, import.meta.url);

function loadOdsSources() {
  const practices = parseEpraccur(readFileSync(odsFile("epraccur.csv")));
  const pcns = parseWestSussexPcns(JSON.parse(readFileSync(odsFile("west-sussex-gp-pcn.json"), "utf8")));
  // The demo, the tests and the README name the Lancing PCN by its local code: fail loudly if the data moved it.
  const lancing = pcns.find((p) => p.name === LANCING_PCN.name);
  const members = lancing?.practices.map((p) => p.odsCode).sort().join(",");
  if (lancing?.odsCode !== LANCING_PCN.odsCode || members !== [...lancingPracticeCodes].sort().join(",")) {
    throw new Error(`${LANCING_PCN.name} no longer derives as ${LANCING_PCN.odsCode} with ${lancingPracticeCodes.join(", ")}`);
  }
  return { practices, pcns };
}

/**
 * The baseline event is hashed with AUDIT_HMAC_KEY: from the environment, else from the .env that
 * `npm run setup` wrote (only that variable is read from it). Without one the baseline is left out.
 */
function auditKeyAvailable(): boolean {
  if (!process.env.AUDIT_HMAC_KEY && existsSync(".env")) {
    const match = /^AUDIT_HMAC_KEY=(.+)$/m.exec(readFileSync(".env", "utf8"));
    if (match) process.env.AUDIT_HMAC_KEY = match[1]!.trim().replace(/^(["'])(.*)\1$/, "$2");
  }
  return Boolean(process.env.AUDIT_HMAC_KEY);
}

async function main(): Promise<void> {
  const started = performance.now();
  // Parse before opening the transaction: a malformed file stops the seed before anything is written.
  const { practices, pcns } = loadOdsSources();
  // Never printed. The default is documented in the README.
  const password = process.env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;

  const withKey = auditKeyAvailable();
  const db = createClient(databaseUrl());
  try {
    const result = await db.$transaction(
      async (tx) => {
        // It ends by appending to the audit chain, maybe beside a running console: queue with its writers.
        await lockFirst(tx, providerOf(databaseUrl()), [LOCK.auditChain]);
        const orgs = await importOrganisations(tx, { practices, pcns, extra: [TRUST] });
        const jobRoles = await seedJobRoles(tx);
        const orgIds = await organisationIds(tx, demoOdsCodes);
        const workgroups = await seedOrganisationWorkgroups(tx, demoWorkgroupOdsCodes, new Date("2025-01-01T09:00:00Z"));
        const people = await seedPeople(tx, demoPersonSeeds, orgIds);
        const users = await seedConsoleUsers(tx, demoConsoleUsers, orgIds, password);
        const timeBound = await seedTimeBound(tx, new Date());
        // Last: what the seed wrote is the change log's starting point (see lib/audit/baseline.ts).
        const baseline = withKey ? await recordSeedBaseline(tx) : null;
        return { orgs, workgroups, jobRoles, people, users, timeBound, baseline };
      },
      // One SQLite writer and ~11,500 inserts on a first run: allow far more than the 5 s default.
      { maxWait: 10_000, timeout: 120_000 },
    );

    const { orgs, workgroups, jobRoles, people, users, timeBound, baseline } = result;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Seed done in ${seconds}s: organisations +${orgs.created} (${orgs.total} in all, ${orgs.pcns} PCNs, ` +
        `${orgs.regrouped} PCN memberships added, ${workgroups} given their cervicalscreening workgroup), job roles ${jobRoles} upserted, ` +
        `demo people +${people} of ${demoPersonSeeds.length}, console users +${users.created} of ${demoConsoleUsers.length}` +
        ` (${users.linksCreated} organisation links added, ${users.passwordsReset} passwords reset), ` +
        `${timeBound.ending} grants given an end date soon, ${timeBound.pending} pending change` +
        (baseline ? `; change-log baseline recorded for ${baseline.people} people (${baseline.grants} active grants).` : "."),
    );
    if (!withKey) {
      console.warn(
        "AUDIT_HMAC_KEY is not set (environment or .env): the seeded grants were not recorded as the change log's baseline, " +
          "so `npm run audit:verify` will report them. Run the seed again with the key set.",
      );
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  // An ODS problem is the operator's to fix: print its file and line without a stack trace.
  console.error(error instanceof OdsImportError ? `Seed stopped, nothing written: ${error.message}` : error);
  process.exitCode = 1;
});
