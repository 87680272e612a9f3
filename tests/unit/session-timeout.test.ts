import { describe, expect, it } from "vitest";
import { DEFAULT_IDLE_MINUTES, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, idleMinutesFrom, sessionExpiresAt } from "@/lib/auth/session-policy";
import {
  WARNING_LEAD_MS,
  countdownText,
  deadlineFrom,
  isStaffPath,
  latestExpiry,
  nextCheckIn,
  signedOutLoginPath,
  spokenCountdown,
  timeoutPhase,
} from "@/lib/session/timeout";

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe("idleMinutesFrom (SESSION_IDLE_MINUTES)", () => {
  it.each([
    [undefined, DEFAULT_IDLE_MINUTES],
    ["", DEFAULT_IDLE_MINUTES],
    ["  ", DEFAULT_IDLE_MINUTES],
    ["3", 3],
    [" 15 ", 15],
    ["480", 480],
  ])("%j → %i minutes", (raw, minutes) => {
    expect(idleMinutesFrom(raw)).toBe(minutes);
  });

  it.each(["2", "0", "-5", "481", "1.5", "30m", "abc", "1e2"])("refuses %j, saying what is allowed", (raw) => {
    expect(() => idleMinutesFrom(raw)).toThrow(/SESSION_IDLE_MINUTES must be a whole number of minutes from 3 to 480/);
  });

  it("defaults to 30 minutes when the environment does not set it", () => {
    expect(SESSION_IDLE_MS).toBe(30 * MINUTE);
  });
});

describe("sessionExpiresAt", () => {
  const now = new Date("2026-11-25T12:00:00Z").getTime();
  it("is the idle limit after the last request while that comes first", () => {
    const lastSeenAt = new Date(now - 5 * MINUTE);
    expect(sessionExpiresAt({ createdAt: new Date(now - 60 * MINUTE), lastSeenAt }).getTime()).toBe(lastSeenAt.getTime() + SESSION_IDLE_MS);
  });
  it("is the absolute limit after sign-in when that comes first", () => {
    const createdAt = new Date(now - SESSION_ABSOLUTE_MS + 10 * MINUTE);
    expect(sessionExpiresAt({ createdAt, lastSeenAt: new Date(now) }).getTime()).toBe(createdAt.getTime() + SESSION_ABSOLUTE_MS);
  });
});

describe("when to warn", () => {
  const expiresAt = 1_000_000_000;
  it.each([
    ["long before", expiresAt - 30 * MINUTE, "quiet"],
    ["just before the warning", expiresAt - WARNING_LEAD_MS - 1, "quiet"],
    ["two minutes before", expiresAt - WARNING_LEAD_MS, "warning"],
    ["one second before", expiresAt - SECOND, "warning"],
    ["at the expiry", expiresAt, "expired"],
    ["after it", expiresAt + MINUTE, "expired"],
  ] as const)("%s → %s", (_name, now, phase) => {
    expect(timeoutPhase(expiresAt, now)).toBe(phase);
  });

  it("the warning lead is two minutes", () => {
    expect(WARNING_LEAD_MS).toBe(2 * MINUTE);
  });

  it.each([
    ["until the warning while quiet", expiresAt - 30 * MINUTE, 28 * MINUTE],
    ["until the expiry once warning", expiresAt - 90 * SECOND, 90 * SECOND],
    ["nothing once expired", expiresAt + SECOND, 0],
  ])("next check: %s", (_name, now, wait) => {
    expect(nextCheckIn(expiresAt, now)).toBe(wait);
  });
});

describe("remaining time", () => {
  it.each([
    [2 * MINUTE, "2 minutes"],
    [2 * MINUTE - 1, "2 minutes"],
    [MINUTE + 5 * SECOND, "1 minute 5 seconds"],
    [61 * SECOND - 500, "1 minute 1 second"],
    [MINUTE, "1 minute"],
    [59 * SECOND, "59 seconds"],
    [SECOND, "1 second"],
    [0, "0 seconds"],
    [-5 * SECOND, "0 seconds"],
  ])("%i ms shows as %s", (ms, text) => {
    expect(countdownText(ms)).toBe(text);
  });

  it.each([
    [2 * MINUTE, "You will be signed out in 2 minutes."],
    [MINUTE + SECOND, "You will be signed out in 2 minutes."],
    [MINUTE, "You will be signed out in 60 seconds."],
    [46 * SECOND, "You will be signed out in 60 seconds."],
    [45 * SECOND, "You will be signed out in 45 seconds."],
    [14 * SECOND, "You will be signed out in 15 seconds."],
    [0, "You are being signed out."],
  ])("%i ms is spoken as %s", (ms, text) => {
    expect(spokenCountdown(ms)).toBe(text);
  });

  it("is spoken 5 times over the two minutes, not every second", () => {
    const spoken = new Set<string>();
    for (let ms = WARNING_LEAD_MS; ms > 0; ms -= SECOND) spoken.add(spokenCountdown(ms));
    expect([...spoken]).toEqual(["You will be signed out in 2 minutes.", ...[60, 45, 30, 15].map((s) => `You will be signed out in ${s} seconds.`)]);
  });
});

describe("latestExpiry across tabs", () => {
  it("takes the latest of this tab's and the others'", () => {
    expect(latestExpiry(1000, "3000", 2000)).toBe(3000);
  });
  it.each([
    ["nothing known", [], null],
    ["only unreadable values", [null, undefined, "", "soon", Number.NaN, 0, -1], null],
    ["an unreadable value beside a good one", ["garbage", 5000], 5000],
  ] as const)("%s", (_name, values, latest) => {
    expect(latestExpiry(...values)).toBe(latest);
  });
});

describe("deadlineFrom the server's answer", () => {
  it("counts the remaining time from when the answer arrived, on this browser's clock", () => {
    expect(deadlineFrom({ expiresAt: "2020-01-01T00:00:00Z", remainingMs: 90_000 }, 1_000_000)).toBe(1_090_000);
    expect(deadlineFrom({ remainingMs: 0 }, 5)).toBe(5);
  });
  it.each([null, "text", {}, { remainingMs: "90000" }, { remainingMs: -1 }, { remainingMs: Number.POSITIVE_INFINITY }])("refuses %j", (answer) => {
    expect(deadlineFrom(answer, 1_000_000)).toBeNull();
  });
});

describe("which pages warn", () => {
  it.each(["/", "/people/555500001111", "/requests", "/requests/abc123", "/audit", "/login-help"])("%s is a staff page", (path) => {
    expect(isStaffPath(path)).toBe(true);
  });
  it.each(["/login", "/requests/new", "/requests/submitted", "/requests/status", "/requests/status/x"])("%s is public", (path) => {
    expect(isStaffPath(path)).toBe(false);
  });
});

it("the login path after a timeout says why and returns to the page", () => {
  expect(signedOutLoginPath("/people/5555?tab=roles")).toBe("/login?callbackUrl=%2Fpeople%2F5555%3Ftab%3Droles&reason=idle");
  expect(signedOutLoginPath("/requests/x", null)).toBe("/login?callbackUrl=%2Frequests%2Fx");
});
