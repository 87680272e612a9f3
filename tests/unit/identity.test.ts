import { describe, expect, it } from "vitest";
import { describeIdentity, identityCheck, nameTokens, normaliseEmail, sameName, type IdentityCheck } from "@/lib/domain/identity";

describe("nameTokens", () => {
  it.each<[string, string[]]>([
    ["Sarah Jones", ["sarah", "jones"]],
    ["  SARAH   JONES ", ["sarah", "jones"]],
    ["Dr. Siân O'Brien", ["sian", "obrien"]],
    ["Mrs Zoë O’Connor-Smith", ["zoe", "oconnor", "smith"]],
    ["Jones, Sarah", ["jones", "sarah"]],
    ["Prof Sir Chidi Okafor", ["chidi", "okafor"]],
    ["Dr", []],
    ["", []],
  ])("%j", (name, tokens) => {
    expect(nameTokens(name)).toEqual(tokens);
  });
});

describe("sameName", () => {
  it.each<[string, string, string]>([
    ["identical", "Sarah Jones", "Sarah Jones"],
    ["case", "sarah JONES", "Sarah Jones"],
    ["a title on one side", "Dr Sarah Jones", "Sarah Jones"],
    ["titles with full stops on both", "Dr. Sarah Jones", "Mrs. Sarah Jones"],
    ["accents", "Siân Jones", "Sian Jones"],
    ["apostrophes, straight and curly", "Siobhan O'Neill", "Siobhan O’Neill"],
    ["apostrophe dropped", "Siobhan O'Neill", "Siobhan ONeill"],
    ["Surname, Forename", "Jones, Sarah", "Sarah Jones"],
    ["a middle name on one side", "Sarah Jane Jones", "Sarah Jones"],
    ["different middle names", "Sarah Jane Jones", "Sarah Anne Jones"],
    ["one word each, the same", "Cher", "cher"],
    ["extra spaces", "  Sarah    Jones ", "Sarah Jones"],
  ])("%s: %j ~ %j", (_label, a, b) => {
    expect(sameName(a, b)).toBe(true);
    expect(sameName(b, a)).toBe(true);
  });

  it.each<[string, string, string]>([
    ["an initial for the forename", "S Jones", "Sarah Jones"],
    ["an initial with a full stop", "S. Jones", "Sarah Jones"],
    ["initials on both sides", "S Jones", "S Jones"],
    ["a different surname", "Sarah Smith", "Sarah Jones"],
    ["a different forename", "Sandra Jones", "Sarah Jones"],
    ["the surname alone", "Jones", "Sarah Jones"],
    ["the forename alone", "Sarah", "Sarah Jones"],
    ["one word each, different", "Cher", "Madonna"],
    ["empty", "", "Sarah Jones"],
    ["both empty", "", ""],
    ["only a title", "Dr", "Dr"],
    ["only punctuation", "--", "Sarah Jones"],
    ["a shared middle name is not enough", "Anne Mary Jones", "Sarah Mary Smith"],
  ])("%s: %j !~ %j", (_label, a, b) => {
    expect(sameName(a, b)).toBe(false);
    expect(sameName(b, a)).toBe(false);
  });
});

describe("normaliseEmail", () => {
  it.each([
    ["Sarah.Jones@NHS.net", "sarah.jones@nhs.net"],
    ["  sarah.jones@nhs.net\t", "sarah.jones@nhs.net"],
  ])("%j", (raw, email) => {
    expect(normaliseEmail(raw)).toBe(email);
  });
});

describe("identityCheck", () => {
  const requester = { name: "Sarah Jones", email: "sarah.jones@nhs.net" };
  it.each<[string, { name: string; email: string }, { name: string; email: string | null } | null, IdentityCheck]>([
    ["name and email agree", requester, { name: "Sarah Jones", email: "sarah.jones@nhs.net" }, { state: "match", fields: [] }],
    ["email differs only in case and spaces", { name: "Sarah Jones", email: " Sarah.Jones@NHS.NET " }, { name: "Dr Sarah Jane Jones", email: "sarah.jones@nhs.net" }, { state: "match", fields: [] }],
    ["email differs", { name: "Sarah Jones", email: "sarah.jones@gmail.com" }, { name: "Sarah Jones", email: "sarah.jones@nhs.net" }, { state: "mismatch", fields: ["email"] }],
    ["name differs", { name: "Sarah Smith", email: "sarah.jones@nhs.net" }, { name: "Sarah Jones", email: "sarah.jones@nhs.net" }, { state: "mismatch", fields: ["name"] }],
    ["both differ, email listed first", { name: "S Smith", email: "someone@example.com" }, { name: "Sarah Jones", email: "sarah.jones@nhs.net" }, { state: "mismatch", fields: ["email", "name"] }],
    ["no email on the profile, name agrees", requester, { name: "Jones, Sarah", email: null }, { state: "no_profile_email", fields: ["email"] }],
    ["no email on the profile and the name differs: a mismatch on the name", requester, { name: "Peter Jones", email: null }, { state: "mismatch", fields: ["name"] }],
    ["an empty profile email is compared, not skipped", requester, { name: "Sarah Jones", email: "" }, { state: "mismatch", fields: ["email"] }],
    ["no profile", requester, null, { state: "no_profile", fields: [] }],
  ])("%s", (_label, who, profile, expected) => {
    expect(identityCheck(who, profile)).toEqual(expected);
  });
});

describe("describeIdentity", () => {
  it.each<[IdentityCheck, string]>([
    [{ state: "match", fields: [] }, "The requester's name and email match the profile."],
    [{ state: "no_profile", fields: [] }, "No Care Identity profile to compare the requester with."],
    [
      { state: "no_profile_email", fields: ["email"] },
      "The profile has no email address, so the requester's email cannot be checked: confirm their identity before changing it.",
    ],
    [{ state: "mismatch", fields: ["email"] }, "The requester's email address differs from the profile: confirm their identity before changing it, or reject the request."],
    [{ state: "mismatch", fields: ["name"] }, "The requester's name differs from the profile: confirm their identity before changing it, or reject the request."],
    [
      { state: "mismatch", fields: ["email", "name"] },
      "The requester's email address and name differ from the profile: confirm their identity before changing it, or reject the request.",
    ],
  ])("%j", (check, text) => {
    expect(describeIdentity(check)).toBe(text);
  });

  it("never repeats the profile's details", () => {
    const check = identityCheck({ name: "Sarah Smith", email: "x@example.com" }, { name: "Peter Jones", email: "peter.jones@nhs.net" });
    const text = describeIdentity(check);
    expect(text).not.toMatch(/peter|jones|nhs\.net/i);
  });
});
