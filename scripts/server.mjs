// The console's HTTP server: Next.js (the production build) behind a few lines that decide which address a
// request comes from. Route handlers and Server Actions get no socket address from Next, and a client can
// write any X-Forwarded-For it likes; per-address rate limits need the real one.
//
// - Without TRUSTED_PROXY_HOPS (nothing of ours in front): X-Forwarded-For, X-Real-IP and Forwarded, as the
//   client wrote them, are dropped.
// - With TRUSTED_PROXY_HOPS=n (n reverse proxies of our own in front): they are kept, and lib/action-result.ts
//   takes the n-th X-Forwarded-For entry from the end.
// - Either way the socket's address goes to the app in a header of our own, always overwritten, whose value
//   starts with a token made afresh at every start and kept in this process's environment only.
//
// Usage: node scripts/server.mjs [-p PORT] [-H HOSTNAME]   (PORT in the environment works too; default 3000)
import { randomBytes } from "node:crypto";
import http from "node:http";
import { parseArgs } from "node:util";

// Keep both names in step with lib/action-result.ts.
const CLIENT_ADDRESS_HEADER = "x-ra-console-client-address";
const CLIENT_ADDRESS_TOKEN_ENV = "RA_CONSOLE_CLIENT_ADDRESS_TOKEN";
// What a client could use to pose as another address when no proxy of ours vouches for it. (The scheme and
// host headers stay: they name this server, not the client, and Next.js fills them in when they are absent.)
const ADDRESS_HEADERS = ["x-forwarded-for", "x-real-ip", "forwarded"];

const { values: args } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
  strict: true,
});
const port = Number(args.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Not a port: ${args.port ?? process.env.PORT}`);
  process.exit(1);
}
const hops = Number(process.env.TRUSTED_PROXY_HOPS?.trim() || 0);
const trustsProxies = Number.isInteger(hops) && hops > 0 && hops <= 10;
if (process.env.TRUSTED_PROXY_HOPS && !trustsProxies) {
  console.warn(`TRUSTED_PROXY_HOPS=${process.env.TRUSTED_PROXY_HOPS} is not a whole number from 1 to 10: no proxy is trusted.`);
}

const token = randomBytes(24).toString("base64url");
process.env[CLIENT_ADDRESS_TOKEN_ENV] = token;
process.env.NODE_ENV ??= "production";
const { default: next } = await import("next");

const app = next({ dev: false, dir: process.cwd(), hostname: args.hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  if (!trustsProxies) for (const name of ADDRESS_HEADERS) delete req.headers[name];
  req.headers[CLIENT_ADDRESS_HEADER] = `${token} ${req.socket.remoteAddress ?? "unknown"}`;
  handle(req, res).catch((error) => {
    console.error("Unhandled failure serving", req.method, req.url, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});

server.listen(port, args.hostname, () => {
  const where = args.hostname ?? "localhost";
  console.log(`RA console on http://${where.includes(":") ? `[${where}]` : where}:${port}` + (trustsProxies ? ` (trusting ${hops} proxy hop${hops === 1 ? "" : "s"})` : ""));
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close();
    app.close().finally(() => process.exit(0));
    // Keep-alive connections can hold close() open; do not wait for them for ever.
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
