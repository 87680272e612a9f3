"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

// The pages staff reach without a console account: they get the service's own header, not the console's.
const PUBLIC_PAGES = ["/requests/new", "/requests/status", "/requests/submitted"];

export const isPublicPage = (pathname: string) => PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`));

/** Chooses the header by address, so the root layout stays one layout (both headers are rendered on the server). */
export function HeaderSwitch({ staff, publicHeader }: { staff: ReactNode; publicHeader: ReactNode }) {
  return <>{isPublicPage(usePathname() ?? "") ? publicHeader : staff}</>;
}
