// A stand-in OIDC identity provider (NHS CIS2 in real deployments) for the browser tests, built on the
// maintained oauth2-mock-server. Its authorize endpoint signs in at once as "the next identity", which a
// test sets with POST /__test/identity: a plain-text body is the email (subject `cis2-<email>`, email
// verified); a JSON body sets the claims itself ({ email, sub?, email_verified?, uid? }). Test-only; never part
// of the console.
import http from "node:http";
import { OAuth2Issuer, OAuth2Service } from "oauth2-mock-server";

const port = Number(process.env.OIDC_MOCK_PORT ?? 3101);
const issuer = new OAuth2Issuer();
issuer.url = `http://localhost:${port}`;
await issuer.keys.generate("RS256");
const service = new OAuth2Service(issuer);

const identityFor = (email) => ({ sub: `cis2-${email}`, email, name: email, email_verified: true });
let nextIdentity = identityFor("manager@ra.example");
const identityForCode = new Map();

service.on("beforeAuthorizeRedirect", (redirect) => {
  const code = redirect.url.searchParams.get("code");
  if (code) identityForCode.set(code, nextIdentity);
});
service.on("beforeTokenSigning", (token, req) => {
  const identity = identityForCode.get(req.body?.code);
  if (!identity) return;
  Object.assign(token.payload, identity);
});

http
  .createServer((req, res) => {
    if (req.method === "POST" && req.url === "/__test/identity") {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        if ((req.headers["content-type"] ?? "").startsWith("application/json")) {
          const claims = JSON.parse(body);
          nextIdentity = { ...identityFor(claims.email), ...claims };
          for (const [name, value] of Object.entries(nextIdentity)) if (value === null) delete nextIdentity[name];
        } else {
          nextIdentity = identityFor(body.trim());
        }
        res.end("ok");
      });
      return;
    }
    service.requestHandler(req, res);
  })
  .listen(port, "localhost", () => console.log(`OIDC test issuer on ${issuer.url}`));
