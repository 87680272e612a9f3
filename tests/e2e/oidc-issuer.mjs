// A stand-in OIDC identity provider (NHS CIS2 in real deployments) for the browser tests, built on the
// maintained oauth2-mock-server. Its authorize endpoint signs in at once as "the next identity", which a
// test sets with POST /__test/identity (body: the email). Test-only; never part of the console.
import http from "node:http";
import { OAuth2Issuer, OAuth2Service } from "oauth2-mock-server";

const port = Number(process.env.OIDC_MOCK_PORT ?? 3101);
const issuer = new OAuth2Issuer();
issuer.url = `http://localhost:${port}`;
await issuer.keys.generate("RS256");
const service = new OAuth2Service(issuer);

let nextIdentity = "manager@ra.example";
const identityForCode = new Map();

service.on("beforeAuthorizeRedirect", (redirect) => {
  const code = redirect.url.searchParams.get("code");
  if (code) identityForCode.set(code, nextIdentity);
});
service.on("beforeTokenSigning", (token, req) => {
  const email = identityForCode.get(req.body?.code);
  if (!email) return;
  token.payload.sub = `cis2-${email}`;
  token.payload.email = email;
  token.payload.name = email;
});

http
  .createServer((req, res) => {
    if (req.method === "POST" && req.url === "/__test/identity") {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        nextIdentity = body.trim();
        res.end("ok");
      });
      return;
    }
    service.requestHandler(req, res);
  })
  .listen(port, "localhost", () => console.log(`OIDC test issuer on ${issuer.url}`));
