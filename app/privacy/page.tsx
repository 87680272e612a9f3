import type { Metadata } from "next";
import Link from "next/link";
import { SERVICE_CONTACT } from "@/lib/service-info";

export const metadata: Metadata = { title: "Privacy notice" };

const section = "mb-6";
const heading = "mb-3 text-2xl font-bold";
const list = "mb-3 list-disc pl-6";

/** Public: the request form links here before anyone signs in. */
export default function PrivacyPage() {
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 text-3xl font-bold">Privacy notice</h1>
      <p className="mb-6">
        This notice explains what happens to the information you give when you ask for help with access to the Cervical Screening
        Management System (CSMS), and to the information the console keeps about NHS staff and the Registration Authority (RA) officers
        who use it.
      </p>

      <section className={section} aria-labelledby="who-heading">
        <h2 id="who-heading" className={heading}>Who is responsible for your information</h2>
        <p className="mb-3">
          The NHS organisation whose Registration Authority runs this console is the data controller. Its RA officers use the console to
          give and check CSMS access on Care Identity profiles (smartcards), a task the Registration Authority carries out for the NHS
          Care Identity Service.
        </p>
      </section>

      <section className={section} aria-labelledby="collect-heading">
        <h2 id="collect-heading" className={heading}>What the request form collects</h2>
        <ul className={list}>
          <li>your name and email address, so the RA can check who is asking and reply to you</li>
          <li>your smartcard ID (the 12-digit number on your Care Identity profile), if you give it</li>
          <li>the organisation you need CSMS access at (its ODS code), if you give it</li>
          <li>your message, for example the error CSMS showed you</li>
          <li>your network (IP) address, only to stop the form being misused: it is kept for a few hours at most</li>
        </ul>
        <p className="mb-3">
          Do not include patient information in your message. The form never asks for it and the RA does not need it.
        </p>
      </section>

      <section className={section} aria-labelledby="why-heading">
        <h2 id="why-heading" className={heading}>Why we use it</h2>
        <p className="mb-3">We use it to:</p>
        <ul className={list}>
          <li>find your Care Identity profile and work out why CSMS does not let you in</li>
          <li>check that the smartcard ID belongs to you before any change is made (for example with your line manager or a call back)</li>
          <li>make the change, and email you about your request: when it is received, when its status changes and when it is resolved</li>
          <li>keep a record of every change made to a Care Identity profile, who made it and why, as the NHS requires of a Registration Authority</li>
        </ul>
        <p className="mb-3">
          The legal basis is that this is a task carried out in the public interest (UK GDPR Article 6(1)(e)): managing who may use NHS
          systems that hold patient records.
        </p>
      </section>

      <section className={section} aria-labelledby="who-sees-heading">
        <h2 id="who-sees-heading" className={heading}>Who can see it</h2>
        <p className="mb-3">
          RA officers and RA managers who act for your organisation, and auditors who check the RA’s work. It is not shared with anyone
          else, except where the law requires it or to pass a problem that is not about CSMS permissions to {SERVICE_CONTACT.nationalServiceDesk}.
        </p>
      </section>

      <section className={section} aria-labelledby="keep-heading">
        <h2 id="keep-heading" className={heading}>How long we keep it</h2>
        <p className="mb-3">
          Your request, the notes on it and the emails about it are kept with the record of the changes made because of it. Changes to
          Care Identity profiles are an audit record and are kept for the period the NHS Records Management Code of Practice sets for
          Registration Authority records; the organisation running the console reviews and deletes records after that period.
        </p>
      </section>

      <section className={section} aria-labelledby="staff-heading">
        <h2 id="staff-heading" className={heading}>If you use the console as an RA officer or auditor</h2>
        <p className="mb-3">
          The console records your sign-ins, the profiles you open and every change you make, with the reason you gave. These records
          protect the people whose profiles you change and you; they cannot be edited or deleted in the console.
        </p>
      </section>

      <section className={section} aria-labelledby="rights-heading">
        <h2 id="rights-heading" className={heading}>Your rights and who to contact</h2>
        <p className="mb-3">
          You can ask to see the information held about you, and ask for it to be corrected. Contact {SERVICE_CONTACT.team} at{" "}
          <a href={`mailto:${SERVICE_CONTACT.email}`}>{SERVICE_CONTACT.email}</a>, or your organisation’s Data Protection Officer.
        </p>
        <p className="mb-3">
          If you are unhappy with how your information is used, you can complain to the Information Commissioner’s Office (ICO) at ico.org.uk
          or on 0303 123 1113.
        </p>
      </section>

      <p>
        <Link href="/requests/new">Ask for help with CSMS access</Link>
      </p>
    </div>
  );
}
