// A throwaway PostgreSQL cluster on a loopback port, for the tests, the benchmarks and migration authoring.
// Uses the server binaries of Debian's `postgresql` package (or any initdb/pg_ctl on PATH); nothing is downloaded.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export type Cluster = { port: number; dir: string; url: (database: string) => string; stop: () => void };

/** Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/<version>/bin. */
export function postgresBin(name: "initdb" | "pg_ctl"): string {
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => existsSync(path.join(debian, v, "bin", name))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(debian, versions[0], "bin", name);
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (existsSync(path.join(dir, name))) return path.join(dir, name);
  throw new Error(`PostgreSQL's ${name} was not found: apt-get install -y postgresql`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer().once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function freePort(from: number): Promise<number> {
  // A random start keeps two clusters started at the same moment (CI and a benchmark) apart.
  const start = from + Math.floor(Math.random() * 2000);
  for (let port = start; port < start + 200; port++) if (await portIsFree(port)) return port;
  throw new Error(`No free loopback port from ${start}`);
}

/**
 * initdb refuses to run as root, so as root the cluster belongs to the `postgres` user. `fast` trades crash
 * safety for speed (tests only: fsync off).
 */
export async function startCluster(options: { fast?: boolean; port?: number } = {}): Promise<Cluster> {
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "ra-console-pg-"));
  const run = (file: string, args: string[]) =>
    execFileSync(root ? "runuser" : file, root ? ["-u", "postgres", "--", file, ...args] : args, { stdio: "pipe" });
  if (root) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = path.join(dir, "data");
  run(postgresBin("initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  const port = options.port ?? (await freePort(55432));
  const settings = ["-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "timezone=UTC", "-c", "max_connections=200"];
  if (options.fast) settings.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  run(postgresBin("pg_ctl"), ["-D", data, "-l", path.join(dir, "log"), "-o", settings.join(" "), "-w", "start"]);
  let stopped = false;
  return {
    port,
    dir,
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        run(postgresBin("pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
