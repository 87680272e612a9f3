import { db } from "../lib/data/db";

/** Runs a command-line script: its exit code, the database closed, and a failure as one line without a stack. */
export function runScript(main: (command: string | undefined) => Promise<number>): void {
  main(process.argv[2])
    .then(async (code) => {
      await db.$disconnect();
      process.exit(code);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
