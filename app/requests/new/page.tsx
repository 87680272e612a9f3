import type { Metadata } from "next";
import { publicTitle } from "@/lib/page-title";
import { BeforeYouStart } from "@/components/requests/before-you-start";
import { RequestForm } from "@/components/requests/request-form";

export const metadata: Metadata = { title: publicTitle("Ask for help with CSMS access") };

export default function NewRequestPage() {
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 text-3xl font-bold">Ask for help with CSMS access</h1>
      <p className="mb-4">
        Use this form if you cannot log in to the Cervical Screening Management System (CSMS) because of your access permissions. It
        goes to your registration authority (RA), who can add the job role and your organisation&rsquo;s cervicalscreening workgroup to
        your Care Identity profile.
      </p>
      <BeforeYouStart />
      <div className="card">
        <RequestForm />
      </div>
    </div>
  );
}
