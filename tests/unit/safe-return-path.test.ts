import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/safe-return-path";

const ORIGIN = "https://ra.example.nhs.uk";

// Each of these, after sign-in, must not take the browser anywhere but "/".
const offSite = [
  // Controls that a browser strips after the first slash, leaving "//evil.example/" (issue 9, item 1).
  "/\t/evil.example/",
  "/\n/evil.example/",
  "/\r/evil.example/",
  "/\r\n/evil.example",
  "%2F%09%2Fevil.example%2F",
  "/%09/evil.example/",
  "/%0A/evil.example/",
  "/%0D/evil.example/",
  "/%0d%0a/evil.example/",
  "/%00/evil.example",
  "/%7F/evil.example",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  "/\u000b/evil.example",
  // Backslashes, which a browser reads as slashes.
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/%5Cevil.example",
  "/%5c%5cevil.example",
  "/%255Cevil.example",
  // Whitespace of any kind, plain or encoded.
  " /evil.example",
  "/ /evil.example",
  "/%20/evil.example",
  "/\u00a0/evil.example",
  "/\u2028/evil.example",
  "/\u3000/evil.example",
  "/%E3%80%80/evil.example",
  // Protocol-relative and absolute URLs, plain or encoded.
  "//evil.example",
  "//evil.example/people",
  "///evil.example",
  "/%2Fevil.example",
  "/%2F%2Fevil.example",
  "%2F%2Fevil.example",
  "/%252F%252Fevil.example",
  "/%25252F%25252Fevil.example",
  "https://evil.example/",
  "http://evil.example",
  "HTTPS://evil.example",
  `${ORIGIN}.evil.example/`,
  `${ORIGIN}@evil.example/`,
  "https:evil.example",
  // Paths that normalise into "//host".
  "/.//evil.example",
  "/a/..//evil.example",
  "/a/../..//evil.example",
  "/%2E//evil.example",
  // Other schemes.
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "/%0Ajavascript:alert(1)",
  // Not a path at all, or badly encoded.
  "evil.example",
  "people/555500000002",
  "?x=1",
  "#y",
  "/people/%ZZ",
  "/people/%E0%A4%A",
  "/100%",
];

describe("safeReturnPath refuses anything that could leave the site", () => {
  it.each(offSite)("%j -> /", (input) => {
    expect(safeReturnPath(input)).toBe("/");
    expect(safeReturnPath(input, ORIGIN)).toBe("/");
  });

  it.each([undefined, null, ""])("%j -> /", (input) => {
    expect(safeReturnPath(input)).toBe("/");
  });

  it("refuses an absolute URL on our own origin when the origin is not known", () => {
    expect(safeReturnPath(`${ORIGIN}/people/555500000002`)).toBe("/");
  });

  it("refuses an absolute URL on another port or scheme of our host", () => {
    expect(safeReturnPath("https://ra.example.nhs.uk:8443/people", ORIGIN)).toBe("/");
    expect(safeReturnPath("http://ra.example.nhs.uk/people", ORIGIN)).toBe("/");
  });
});

describe("safeReturnPath keeps same-site paths", () => {
  it.each([
    ["/", "/"],
    ["/people/555500000002", "/people/555500000002"],
    ["/people/555500000002?x=1#y", "/people/555500000002?x=1#y"],
    ["/audit?before=10", "/audit?before=10"],
    ["/audit?action=security.sign_in&actor=agent%40ra.example", "/audit?action=security.sign_in&actor=agent%40ra.example"],
    ["/requests?q=a+b", "/requests?q=a+b"],
    ["/search?next=https%3A%2F%2Fevil.example", "/search?next=https%3A%2F%2Fevil.example"],
    ["/people/x/../555500000002", "/people/555500000002"],
  ])("%j -> %j", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
    expect(safeReturnPath(input, ORIGIN)).toBe(expected);
  });

  it("turns an absolute URL on our origin (as next-auth passes them) into its path", () => {
    expect(safeReturnPath(`${ORIGIN}/people/555500000002?x=1#y`, ORIGIN)).toBe("/people/555500000002?x=1#y");
    expect(safeReturnPath(`${ORIGIN}`, ORIGIN)).toBe("/");
  });

  it("never returns anything but a path", () => {
    for (const input of [...offSite, "/people/555500000002?x=1#y", `${ORIGIN}/audit`]) {
      const path = safeReturnPath(input, ORIGIN);
      expect(path.startsWith("/") && !path.startsWith("//") && !path.includes("\\")).toBe(true);
      expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
    }
  });
});
