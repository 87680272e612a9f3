"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { ERROR_SUMMARY_SLOT } from "@/components/forms/error-summary-slot";

/**
 * After a client-side navigation, moves focus to the new page's <h1> (as a full page load would start a
 * screen reader at the top), not on the first load. An error summary that took the focus keeps it.
 */
export function FocusHeadingOnNavigation() {
  const pathname = usePathname();
  const firstLoad = useRef(true);
  useEffect(() => {
    if (firstLoad.current) {
      firstLoad.current = false;
      return;
    }
    if (document.activeElement?.closest(`#${ERROR_SUMMARY_SLOT}`)) return;
    const heading = document.querySelector<HTMLElement>("main h1");
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [pathname]);
  return null;
}
