import Link from "next/link";
import { SERVICE_CONTACT } from "@/lib/service-info";

/** On every page, signed in or not: the accessibility statement, the privacy notice and who to contact. */
export function Footer() {
  return (
    <footer className="mt-8 border-t-4 border-nhs-blue bg-white">
      <div className="mx-auto max-w-5xl px-4 py-6">
        <h2 className="sr-only">Support links</h2>
        <ul className="mb-4 flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <Link href="/accessibility">Accessibility statement</Link>
          </li>
          <li>
            <Link href="/privacy">Privacy notice</Link>
          </li>
        </ul>
        <p className="text-sm text-nhs-grey">
          Questions about this console or a request: contact {SERVICE_CONTACT.team} at{" "}
          <a href={`mailto:${SERVICE_CONTACT.email}`}>{SERVICE_CONTACT.email}</a>.
        </p>
      </div>
    </footer>
  );
}
