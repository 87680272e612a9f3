"use client";

import { withErrorPrefix, withoutErrorPrefix } from "@/lib/page-title";

// How many error summaries show now. The title starts "Error: " while any does; Next.js rewrites the
// <title> after a refresh or navigation, so an observer puts the prefix back (or takes it off) each time.
let showing = 0;
let observer: MutationObserver | null = null;

function settle() {
  const title = showing > 0 ? withErrorPrefix(document.title) : withoutErrorPrefix(document.title);
  if (title !== document.title) document.title = title;
}

/** Marks the page as showing an error summary until the returned function is called. */
export function holdErrorTitle(): () => void {
  showing += 1;
  settle();
  if (!observer) {
    observer = new MutationObserver(settle);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
  }
  return () => {
    showing -= 1;
    settle();
    if (showing === 0) {
      observer?.disconnect();
      observer = null;
    }
  };
}
