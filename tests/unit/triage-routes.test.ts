import { describe, expect, it } from "vitest";
import { triageText, type TriageCategory } from "@/lib/domain/triage";
import { suggestedSupportText } from "@/lib/domain/request-text";

// The guidance's suggested text with an ID filled in: on its own, a clear permissions request.
const SUGGESTED = suggestedSupportText("555500000001");
const withSuggested = (extra: string) => `${SUGGESTED}\n\n${extra}`;
const category = (text: string) => triageText(text).category;

describe("a permissions request stays one when the rest of the message is context", () => {
  it.each<[string, string]>([
    ["logging out and closing the browser is what the guidance asks", "I have logged out and closed the browser and tried again."],
    ["the browser in use", "I am using Microsoft Edge."],
    ["two browsers tried", "I have tried Chrome and Edge, same thing."],
    ["a cleared cache", "I have cleared my cache and cookies."],
    ["Outlook footer (Windows)", "Many thanks\nSarah\n\nGet Outlook for Windows"],
    ["Outlook footer (iOS, with its link)", "Get Outlook for iOS<https://aka.ms/o0ukef>"],
    ["Outlook footer (Android)", "Get Outlook for Android"],
    ["phone footer", "Sent from my iPhone"],
    ["Samsung footer", "Sent from my Samsung Galaxy smartphone."],
    ["Mail for Windows footer", "Sent from Mail for Windows"],
  ])("suggested text + %s → permissions", (_label, extra) => {
    expect(category(withSuggested(extra))).toBe("permissions");
  });

  it("a plain request naming an ID and CSMS access, with the browser mentioned, is permissions", () => {
    expect(category("Please add CSMS access to my profile, smartcard 5555 0000 0001. I use Chrome on Windows 11.")).toBe("permissions");
  });
});

describe("a lock that has been dealt with is history", () => {
  it.each([
    "My smartcard was locked. I unlocked it with the self-service tool, but now CSMS says no valid role. Smartcard ID 5555 0000 0001",
    "My card was locked but it's been unlocked, and I still have no access to CSMS. 5555 0000 0001",
    "The service desk unlocked it yesterday, now I get no workgroup",
    "I used the self-service tool to unlock my card and now it says no valid role",
    "I have reset my passcode with the self-service tool, and now CSMS says no valid role",
    "After unlocking my card I get 'no valid role'. Smartcard ID 5555 0000 0001",
    "My card isn't locked, but I can't get into CSMS. Please add my role.",
  ])("→ permissions: %j", (text) => {
    expect(category(text)).toBe("permissions");
  });

  it("the resolved lock words are not highlighted as cues", () => {
    const text = "I unlocked it with the self-service tool, but now CSMS says no valid role";
    const cues = triageText(text).spans.filter((s) => s.kind === "category_cue").map((s) => text.slice(s.start, s.end));
    expect(cues.some((c) => /lock/i.test(c))).toBe(false);
  });

  it("resolved, with nothing else asked: left for the RA to read, not routed to unlock", () => {
    expect(category("My smartcard was locked on Monday, I reset my PIN with the self service tool and I still can't get in")).toBe("unclear");
  });
});

describe("NOT moved to permissions: a card still locked", () => {
  it.each<[string, string]>([
    ["suggested text + locked and passcode forgotten", withSuggested("My smartcard is locked and I have forgotten my passcode.")],
    ["suggested text + wrong PIN too many times", withSuggested("I have entered the wrong PIN too many times.")],
    ["unlocked, then locked again", "I unlocked it yesterday but it's locked again"],
    ["unlocked, then the passcode forgotten", "The service desk unlocked my card but I've forgotten the passcode again"],
    ["the self-service tool did not work", "My card is locked. I used the self-service tool but it didn't work. ID 5555 0000 0001, I need access to CSMS"],
    ["still locked, whoever unlocked it", "Still locked even though the desk unlocked it"],
    ["not unlocked yet", "It hasn't been unlocked yet, can you help? I need access to CSMS"],
    ["asking whether it has been unlocked", "Has my card been unlocked? I need CSMS access today"],
    ["asking for a reset", "Could someone reset my passcode? I need access to CSMS"],
    ["locked, with an ID and CSMS access asked for", "My smartcard is locked, please unlock it. ID 5555 0000 0001, I need access to CSMS"],
  ])("%s → smartcard_locked", (_label, text) => {
    expect(category(text)).toBe("smartcard_locked");
  });
});

describe("NOT moved to permissions: a real technical fault", () => {
  it.each([
    "The page is blank in Edge.",
    "I get error 500.",
    "CSMS will not load.",
    "This site can't be reached, in Chrome and in Edge.",
    "The card reader is not recognised since the Windows update.",
    "The page is blank on my iPhone\nSent from my iPhone",
  ])("suggested text + %j → technical", (extra) => {
    expect(category(withSuggested(extra))).toBe("technical");
  });

  it("browser context alone, with no permissions request, still points at IT", () => {
    expect(category("I'm using Chrome and can't log in")).toBe("technical");
  });

  it("a footer that is not a mail-client footer is read: 'Sent from my work laptop, the reader is not recognised'", () => {
    expect(category("Sent from my work laptop, the reader is not recognised")).toBe("technical");
  });
});

describe("having a card, but not with you, is not 'no Care ID'", () => {
  it.each<[string, string, TriageCategory]>([
    ["card at home, asking for CSMS access: permissions", "I don't have my smartcard with me today. Smartcard ID 5555 0000 0001, please add CSMS access", "permissions"],
    ["suggested text + card not with me: permissions", withSuggested("I haven't got my card on me today."), "permissions"],
    // A temporary card is an RA desk job, not one of the automatic routes: the RA reads it.
    ["left at home, wants a temporary card: unclear, for the RA to read", "I left my smartcard at home and need a temporary one", "unclear"],
    ["a lost card needs replacing, not a new Care ID: unclear", "I have lost my smartcard, smartcard ID 5555 0000 0001", "unclear"],
  ])("%s", (_label, text, expected) => {
    expect(category(text)).toBe(expected);
  });

  it.each<[string, string]>([
    ["suggested text + never had a smartcard", withSuggested("I have never had a smartcard.")],
    ["card not issued yet", "I don't have my smartcard yet, I start next week"],
    ["no Care ID yet, asking for CSMS access", "Our new HCA hasn't got a Care ID yet. Can she have CSMS access?"],
    ["'forgot' about something else", "I forgot to say: I have never had a Care ID, how do I apply?"],
  ])("NOT moved: no card or Care ID at all (%s) → no_care_id", (_label, text) => {
    expect(category(text)).toBe("no_care_id");
  });

  it("a forgotten passcode is not a forgotten card", () => {
    expect(category("I forgot my smartcard passcode")).toBe("smartcard_locked");
  });
});

describe("the guidance's own error captions", () => {
  it.each<[string, string[]]>([
    ["Missing cervical screening role", ["no_valid_role"]],
    ["Missing cervical screening role. Smartcard ID 5555 0000 0001", ["no_valid_role"]],
    ["it says I'm missing the CSMS role", ["no_valid_role"]],
    ["no cervical screening role on my profile", ["no_valid_role"]],
    ["Missing cervical screening workgroup", ["no_workgroup"]],
    ["my workgroup is missing", ["no_workgroup"]],
  ])("%j → permissions, %j", (text, errors) => {
    expect(triageText(text)).toMatchObject({ category: "permissions", csmsErrors: errors });
  });

  it.each(["I was missing from the meeting, which role do I need?", "role models are missing from the training"])(
    "NOT an error mention: %j",
    (text) => expect(triageText(text).csmsErrors).toEqual([]),
  );
});
