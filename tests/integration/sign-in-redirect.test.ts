import { isValidElement, type ReactElement, type ReactNode } from "react";
import { describe, expect, it } from "vitest";
import LoginPage from "@/app/login/page";
import { LoginForm } from "@/components/forms/login-form";
import { authOptions } from "@/lib/auth/options";

const BASE = "http://localhost:3000";

// Return addresses from the attack run (issue 9, item 1) and their relatives.
const hostile = [
  "%2F%09%2Fevil.example%2F",
  "/\t/evil.example/",
  "/\n/evil.example/",
  "/\r/evil.example/",
  "/%09/evil.example/",
  "/%0A/evil.example/",
  "/%0D/evil.example/",
  "/\\evil.example",
  "/%5Cevil.example",
  "//evil.example",
  "/%2F%2Fevil.example",
  "/%252F%252Fevil.example",
  "/.//evil.example",
  "https://evil.example/",
  `${BASE}.evil.example/`,
  "javascript:alert(1)",
];

/** The props of the first element of a given component type in a rendered tree. */
function findProps<P>(node: ReactNode, type: unknown): P | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findProps<P>(child, type);
      if (found) return found;
    }
    return null;
  }
  if (!isValidElement(node)) return null;
  const element = node as ReactElement<{ children?: ReactNode }>;
  if (element.type === type) return element.props as P;
  return findProps<P>(element.props.children, type);
}

describe("next-auth's redirect after sign-in or sign-out", () => {
  const redirect = (url: string) => authOptions.callbacks!.redirect!({ url, baseUrl: BASE });

  it.each(hostile)("%j goes home", async (url) => {
    expect(await redirect(url)).toBe(`${BASE}/`);
  });

  it.each([
    ["/people/555500000002?x=1#y", `${BASE}/people/555500000002?x=1#y`],
    [`${BASE}/audit?before=10`, `${BASE}/audit?before=10`],
    ["/login", `${BASE}/login`],
  ])("%j stays on the site", async (url, expected) => {
    expect(await redirect(url)).toBe(expected);
  });
});

describe("the login page's return address", () => {
  const returnTo = async (callbackUrl: string) => {
    const page = await LoginPage({ searchParams: Promise.resolve({ callbackUrl }) });
    return findProps<{ returnTo: string }>(page, LoginForm)?.returnTo;
  };

  it.each(hostile)("%j becomes /", async (callbackUrl) => {
    expect(await returnTo(callbackUrl)).toBe("/");
  });

  it("keeps a path on this site", async () => {
    expect(await returnTo("/people/555500000002?x=1#y")).toBe("/people/555500000002?x=1#y");
  });
});
