import { describe, expect, it } from "vitest";
import {
  auditEventTitle,
  fullTitle,
  organisationTitle,
  personTitle,
  publicTitle,
  requestTitle,
  withErrorPrefix,
  withoutErrorPrefix,
} from "@/lib/page-title";
import { currentFor } from "@/components/layout/nav-link";

describe("page titles", () => {
  it("puts the page before the service name", () => {
    expect(fullTitle("Change log")).toBe("Change log – RA console for CSMS access");
    // The public help pages name their own service, not the staff console.
    expect(publicTitle("Check a request")).toEqual({ absolute: "Check a request – Get help with CSMS access" });
    expect(publicTitle("Check a request").absolute).not.toContain("RA console");
  });

  it("names a person with their smartcard ID in groups of four", () => {
    expect(personTitle("Amy Jones", "555500000002")).toBe("Amy Jones (5555 0000 0002)");
    expect(personTitle("  ", "555500000002")).toBe("Unnamed person (5555 0000 0002)");
  });

  it("tells two people with the same name apart", () => {
    expect(personTitle("Sam Lee", "555500000002")).not.toBe(personTitle("Sam Lee", "555500000003"));
  });

  it("names requests, audit events and organisations by what the screen shows", () => {
    expect(requestTitle("CSMS-7K2M9Q")).toBe("Request CSMS-7K2M9Q");
    expect(auditEventTitle(42, "Job role added")).toBe("Change 42: Job role added");
    expect(organisationTitle("Queens Park Health Centre", "E81021")).toBe("Queens Park Health Centre (E81021)");
  });
});

describe("error prefix", () => {
  it("adds the prefix once", () => {
    expect(withErrorPrefix("Sign in – RA console for CSMS access")).toBe("Error: Sign in – RA console for CSMS access");
    expect(withErrorPrefix("Error: Sign in")).toBe("Error: Sign in");
  });

  it("removes every prefix, and leaves a title without one alone", () => {
    expect(withoutErrorPrefix("Error: Error: Sign in")).toBe("Sign in");
    expect(withoutErrorPrefix("Sign in")).toBe("Sign in");
    expect(withoutErrorPrefix("Errors: Sign in")).toBe("Errors: Sign in");
  });
});

describe("currentFor (aria-current in the header)", () => {
  it.each([
    ["/requests", "/requests", "page"],
    ["/requests", "/requests/0b9c2f4e-1111-4c1d-9a7b-2f0e1d2c3b4a", "true"],
    ["/requests", "/requests-old", undefined],
    ["/", "/", "page"],
    ["/", "/people/555500000002", undefined],
    ["/audit", "/", undefined],
  ] as const)("%s on %s -> %s", (href, pathname, expected) => {
    expect(currentFor(href, pathname)).toBe(expected);
  });
});
