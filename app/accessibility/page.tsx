import type { Metadata } from "next";
import { SERVICE_CONTACT } from "@/lib/service-info";

export const metadata: Metadata = { title: "Accessibility statement" };

const section = "mb-6";
const heading = "mb-3 text-2xl font-bold";
const list = "mb-3 list-disc pl-6";

/** Public, following the GOV.UK and NHS model accessibility statement. Keep "Known issues" true as fixes land. */
export default function AccessibilityPage() {
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 text-3xl font-bold">Accessibility statement for the RA console for CSMS access</h1>
      <p className="mb-3">
        This statement applies to the RA console for CSMS access: the pages Registration Authority (RA) officers use to give and check
        access to the Cervical Screening Management System (CSMS), and the public pages NHS staff use to ask for help and check their request.
      </p>
      <p className="mb-6">
        It is run by {SERVICE_CONTACT.team} of the NHS organisation that hosts it. We want as many people as possible to be able to use it.
        For example, you should be able to:
      </p>
      <ul className={list}>
        <li>change colours, contrast levels and fonts using your browser or device settings</li>
        <li>zoom in up to 400% without the text spilling off the screen</li>
        <li>get from the start of every page to the end using just a keyboard</li>
        <li>use every page with a screen reader (including the most recent versions of JAWS, NVDA and VoiceOver)</li>
        <li>use speech recognition software</li>
      </ul>
      <p className="mb-6">
        AbilityNet has advice on making your device easier to use if you have a disability (mcmw.abilitynet.org.uk).
      </p>

      <section className={section} aria-labelledby="how-heading">
        <h2 id="how-heading" className={heading}>How accessible this service is</h2>
        <p className="mb-3">We know some parts are not fully accessible:</p>
        <ul className={list} data-testid="known-issues">
          <li>after a failed search on the change log, the access log or the dashboard, the page title starts with “Error:” only once the page’s JavaScript has loaded</li>
          <li>the dashboard’s charts are pictures: their figures are in the table under each chart, but the charts themselves cannot be explored</li>
          <li>the time-out warning and keeping what you typed across a new sign-in need JavaScript; without it you are still signed out after 30 minutes without activity, without a warning</li>
        </ul>
      </section>

      <section className={section} aria-labelledby="feedback-heading">
        <h2 id="feedback-heading" className={heading}>Feedback and contact information</h2>
        <p className="mb-3">
          If you need information from this service in a different format, or find a problem not listed here, email {SERVICE_CONTACT.team}{" "}
          at <a href={`mailto:${SERVICE_CONTACT.email}`}>{SERVICE_CONTACT.email}</a>. Tell us the page’s address, what you were trying to
          do and the assistive technology you use, if any. We will reply within 5 working days.
        </p>
        <p className="mb-3">
          For problems with your smartcard or Care Identity that are not about CSMS access, contact {SERVICE_CONTACT.nationalServiceDesk}.
        </p>
      </section>

      <section className={section} aria-labelledby="enforcement-heading">
        <h2 id="enforcement-heading" className={heading}>Enforcement procedure</h2>
        <p className="mb-3">
          The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile
          Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to your complaint, contact the
          Equality Advisory and Support Service (EASS).
        </p>
      </section>

      <section className={section} aria-labelledby="technical-heading">
        <h2 id="technical-heading" className={heading}>Technical information about this service’s accessibility</h2>
        <p className="mb-3">
          We are committed to making this service accessible, in accordance with the Public Sector Bodies (Websites and Mobile
          Applications) (No. 2) Accessibility Regulations 2018.
        </p>
        <h3 className="mb-2 text-xl font-bold">Compliance status</h3>
        <p className="mb-3">
          This service is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, due to the
          non-compliance listed below.
        </p>
        <h3 className="mb-2 text-xl font-bold">Non-accessible content</h3>
        <ul className={list}>
          <li>
            With JavaScript turned off there is no warning before the 30-minute time-out and no way to extend it, which fails success
            criterion 2.2.1 (Timing adjustable) for those users.
          </li>
        </ul>
        <p className="mb-3">We plan to fix this, and will update this statement when we have.</p>
      </section>

      <section className={section} aria-labelledby="testing-heading">
        <h2 id="testing-heading" className={heading}>How we tested this service</h2>
        <p className="mb-3">
          Every page and state in our automated browser journeys is checked with axe (WCAG 2.2 AA rules) in Chromium, at 1280 and 320
          pixels wide, and the main journeys are tested with a keyboard alone.
        </p>
        <p>This statement was prepared on 26 November 2026.</p>
      </section>
    </div>
  );
}
