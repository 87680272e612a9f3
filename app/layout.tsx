import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { ERROR_SUMMARY_SLOT } from "@/components/forms/error-summary-slot";
import { FocusHeadingOnNavigation } from "@/components/layout/focus-heading";
import { Footer } from "@/components/layout/footer";
import { Header } from "@/components/layout/header";
import { SessionTimeout } from "@/components/session/session-timeout";
import { HeaderSwitch } from "@/components/layout/header-switch";
import { PublicHeader } from "@/components/layout/public-header";
import { currentActor } from "@/lib/auth/session";
import { SERVICE_NAME, TITLE_TEMPLATE } from "@/lib/page-title";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: SERVICE_NAME, template: TITLE_TEMPLATE },
  description: "Registration Authority console for Cervical Screening Management System access",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: its scripts carry that request's nonce (proxy.ts), which a page
  // prerendered at build time could not, and the browser would refuse to run them.
  await connection();
  const actor = await currentActor();
  return (
    <html lang="en-GB">
      <body>
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:p-2">
          Skip to main content
        </a>
        <HeaderSwitch staff={<Header actor={actor ? { name: actor.name, role: actor.role } : null} />} publicHeader={<PublicHeader />} />
        <SessionTimeout />
        <main id="main" className="mx-auto max-w-5xl px-4 py-8" tabIndex={-1}>
          <div id={ERROR_SUMMARY_SLOT} />
          {children}
        </main>
        <Footer />
        <FocusHeadingOnNavigation />
      </body>
    </html>
  );
}
