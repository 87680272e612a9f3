// npm run ods:import FILE [--pcn PCNFILE] [--apply]
// Compares a newer ODS extract (epraccur.csv layout) and a PCN membership file (west-sussex-gp-pcn.json shape)
// with the organisation table and prints the diff; with --apply, applies it as one audited batch.
import { readFileSync } from "node:fs";
import path from "node:path";
import { runOdsImport } from "../lib/services/ods-import";
import { runScript } from "./run-script";

const USAGE = "Usage: npm run ods:import -- FILE [--pcn PCNFILE] [--apply]";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const apply = args.includes("--apply");
  const pcnAt = args.indexOf("--pcn");
  const pcnPath = pcnAt >= 0 ? args[pcnAt + 1] : undefined;
  const file = args.find((a, i) => !a.startsWith("--") && i !== pcnAt + 1);
  if (!file || (pcnAt >= 0 && !pcnPath) || args.some((a) => a.startsWith("--") && a !== "--apply" && a !== "--pcn")) {
    console.error(USAGE);
    return 2;
  }
  const report = await runOdsImport({
    extract: { file: path.basename(file), text: readFileSync(file) },
    pcn: pcnPath ? { file: path.basename(pcnPath), text: readFileSync(pcnPath, "utf8") } : undefined,
    apply,
  });
  for (const line of report.lines) console.log(line);
  return 0;
}

runScript(() => main());
