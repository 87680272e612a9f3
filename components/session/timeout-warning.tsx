"use client";

import { signOut } from "next-auth/react";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { restoreFormDrafts, saveFormDrafts, setDraftOwner } from "@/components/forms/form-drafts";
import { countdownText, deadlineFrom, isStaffPath, latestExpiry, nextCheckIn, signedOutLoginPath, spokenCountdown, timeoutPhase, WARNING_LEAD_MS } from "@/lib/session/timeout";

// Every tab of this browser shares one server-side idle clock: the latest deadline any of them heard is kept
// here, on this browser's clock (which all its tabs share).
const SHARED_EXPIRY = "ra-console:session-expires-at";

type Props = { remainingMs: number; idleMinutes: number; owner: string };
type SessionAnswer = { expiresAt: number } | "signed-out" | "unreachable";

async function askServer(method: "GET" | "POST"): Promise<SessionAnswer> {
  try {
    const response = await fetch("/api/session", { method, headers: { accept: "application/json" }, cache: "no-store" });
    if (response.status === 401) return "signed-out";
    if (!response.ok) return "unreachable";
    const expiresAt = deadlineFrom(await response.json(), Date.now());
    return expiresAt === null ? "unreachable" : { expiresAt };
  } catch {
    return "unreachable";
  }
}

function sharedExpiry(): string | null {
  try {
    return window.localStorage.getItem(SHARED_EXPIRY);
  } catch {
    return null;
  }
}

/**
 * The GOV.UK / NHS session-timeout pattern: two minutes before the server ends an idle session, a modal dialog
 * counts down with "Stay signed in" (Enter or Escape) and "Sign out". The server's expiry is checked before
 * the dialog opens and before signing out, so activity in another tab or request is never overruled.
 */
export function TimeoutWarning({ remainingMs, idleMinutes, owner }: Props) {
  const pathname = usePathname();
  // The rendered page's deadline on this browser's clock (the component is remounted for each new one).
  const [fromServer] = useState(() => Date.now() + remainingMs);
  // What this tab heard since: the server's own answers replace it, other tabs' can only move it later.
  const [expiresAt, setExpiresAt] = useState(fromServer);
  const [open, setOpen] = useState(false);
  const [checks, setChecks] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [problem, setProblem] = useState<string>();
  const [restored, setRestored] = useState(0);
  const dialog = useRef<HTMLDialogElement>(null);
  const stayButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const staffPage = isStaffPath(pathname);

  const learn = useCallback((expiry: number) => {
    setExpiresAt(expiry);
    try {
      if ((latestExpiry(sharedExpiry()) ?? 0) < expiry) window.localStorage.setItem(SHARED_EXPIRY, String(expiry));
    } catch {
      // Without storage each tab keeps its own expiry; the server check before warning still holds.
    }
  }, []);

  const expire = useCallback(() => {
    saveFormDrafts();
    const here = `${window.location.pathname}${window.location.search}`;
    void signOut({ callbackUrl: signedOutLoginPath(here) });
  }, []);

  // Tells other tabs what this render learnt from the server, and listens to theirs.
  useEffect(() => {
    try {
      if ((latestExpiry(sharedExpiry()) ?? 0) < fromServer) window.localStorage.setItem(SHARED_EXPIRY, String(fromServer));
    } catch {
      // As above.
    }
  }, [fromServer]);
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      const expiry = event.key === SHARED_EXPIRY ? latestExpiry(event.newValue) : null;
      if (expiry) setExpiresAt((known) => latestExpiry(known, expiry) ?? known);
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);

  // What was typed before a sign-in interrupted it comes back on the same page, once the page has rendered.
  useEffect(() => {
    setDraftOwner(owner);
    const timer = window.setTimeout(() => setRestored(restoreFormDrafts(owner, pathname)), 0);
    return () => window.clearTimeout(timer);
  }, [owner, pathname]);

  // Sleeps until the warning is due (or the session ends), then asks the server before acting.
  useEffect(() => {
    if (!staffPage) return;
    let cancelled = false;
    const timer = window.setTimeout(async () => {
      const phase = timeoutPhase(expiresAt, Date.now());
      if (phase === "quiet" || (phase === "warning" && open)) return setChecks((n) => n + 1);
      const answer = await askServer("GET");
      if (cancelled) return;
      if (answer === "signed-out") return expire();
      const confirmed = answer === "unreachable" ? expiresAt : answer.expiresAt;
      learn(confirmed);
      const confirmedPhase = timeoutPhase(confirmed, Date.now());
      if (confirmedPhase === "expired") return expire();
      if (confirmedPhase === "warning") {
        setNow(Date.now());
        setOpen(true);
      }
    }, nextCheckIn(expiresAt, Date.now()));
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [expiresAt, open, staffPage, checks, expire, learn]);

  // The countdown ticks every second while the dialog is open; another tab's "Stay signed in" closes it.
  useEffect(() => {
    if (!open) return;
    const tick = window.setInterval(() => {
      const time = Date.now();
      setNow(time);
      if (timeoutPhase(expiresAt, time) === "quiet") setOpen(false);
    }, 1000);
    return () => window.clearInterval(tick);
  }, [open, expiresAt]);

  // Focus moves into the dialog as it opens and back to where it was when it closes.
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      returnFocus.current = document.activeElement;
      element.showModal();
      stayButton.current?.focus();
    } else if (!open && element.open) {
      element.close();
      if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
    }
  }, [open]);

  async function staySignedIn() {
    const answer = await askServer("POST");
    if (answer === "signed-out") return expire();
    if (answer === "unreachable") return setProblem("The console could not be reached. Check your connection and try again.");
    learn(answer.expiresAt);
    setProblem(undefined);
    setOpen(false);
  }

  // A modal dialog keeps the keyboard inside it: Tab from the last button goes back to the first.
  function trapFocus(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== "Tab") return;
    const focusable = Array.from(event.currentTarget.querySelectorAll<HTMLElement>("button:not([disabled])"));
    const [first, last] = [focusable[0], focusable[focusable.length - 1]];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  const remaining = Math.max(0, Math.min(expiresAt - now, WARNING_LEAD_MS));
  return (
    <>
      <div role="status" className="mx-auto max-w-5xl px-4">
        {restored > 0 && (
          <p className="mt-4 border-l-8 border-nhs-blue bg-white p-3 font-bold">
            What you typed before you were signed out has been put back. Check it, then submit again.
          </p>
        )}
      </div>
      {staffPage && (
        <dialog
          ref={dialog}
          aria-labelledby="timeout-heading"
          aria-describedby="timeout-text"
          onKeyDown={trapFocus}
          // Escape means "not now": stay signed in, as the GOV.UK pattern does.
          onCancel={(event) => {
            event.preventDefault();
            void staySignedIn();
          }}
          className="m-auto max-w-lg border-4 border-nhs-black bg-white p-6 text-nhs-black backdrop:bg-black/60"
        >
          <h2 id="timeout-heading" className="mb-4 text-2xl font-bold">You&apos;ll be signed out soon</h2>
          <p id="timeout-text" className="mb-4">
            You will be signed out in <strong>{countdownText(remaining)}</strong>. To keep people&apos;s information safe, the console
            signs you out after {idleMinutes} minutes without activity. Anything you have typed and not submitted is kept for when you
            sign in again.
          </p>
          <p className="sr-only" aria-live="polite">{open ? spokenCountdown(remaining) : ""}</p>
          {problem && <p role="alert" className="mb-4 border-l-8 border-nhs-red p-3 font-bold">{problem}</p>}
          <div className="flex flex-wrap gap-4">
            <button ref={stayButton} type="button" className="button" onClick={() => void staySignedIn()}>Stay signed in</button>
            <button type="button" className="button-secondary" onClick={() => void signOut({ callbackUrl: "/login" })}>Sign out</button>
          </div>
        </dialog>
      )}
    </>
  );
}
