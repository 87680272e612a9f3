import type { Metadata } from "next";
import { RequestForm } from "@/components/requests/request-form";

export const metadata: Metadata = { title: "Ask for help with CSMS access" };

export default function NewRequestPage() {
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 text-3xl font-bold">Ask for help with CSMS access</h1>
      <p className="mb-2">
        Use this form if you cannot log in to the Cervical Screening Management System (CSMS), for example if it shows
        &ldquo;no valid role&rdquo; or &ldquo;no workgroup&rdquo;. It goes to your registration authority (RA), who manage smartcard
        permissions.
      </p>
      <p className="mb-6">
        If your smartcard is locked or you have forgotten your passcode, use the self-service unlock tool instead. For card reader or
        browser problems, contact your local IT team or the National Service Desk.
      </p>
      <div className="card">
        <RequestForm />
      </div>
    </div>
  );
}
