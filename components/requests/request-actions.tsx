"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { changeRequestAction } from "@/app/requests/actions";
import { ErrorSummary, useFailedAttempts } from "@/components/forms/error-summary";
import { shownFailure, type ShownFailure } from "@/components/forms/signed-out";
import { requestStatusNames } from "@/lib/validations/request";

type Props = {
  request: { id: string; version: number; status: string; assignedToId: number | null };
  me: number;
  colleagues: { id: number; name: string }[];
  draftReply: string;
  canChange: boolean;
};

type Update = { status?: string; assignedToId?: number | null; reply?: string; rejectionReason?: string; message?: string };

/** Assignment, status changes, the reply to copy, resolving and rejecting; every step is audited on the server. */
export function RequestActions({ request, me, colleagues, draftReply, canChange }: Props) {
  const router = useRouter();
  const [reply, setReply] = useState(draftReply);
  const [rejection, setRejection] = useState("");
  const [ask, setAsk] = useState("");
  const [colleague, setColleague] = useState("");
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [failure, setFailure] = useState<ShownFailure<{ message: string; fields?: Record<string, string> }>>();
  const { attempt, failed } = useFailedAttempts();

  async function send(update: Update, message: string) {
    setBusy(true);
    setFailure(undefined);
    setDone(undefined);
    const result = await changeRequestAction({ id: request.id, version: request.version, ...update });
    setBusy(false);
    if (!result.ok) {
      setFailure(shownFailure(result));
      return failed();
    }
    setDone(message);
    router.refresh();
  }

  const fields = Object.fromEntries(Object.entries(failure?.fields ?? {}).map(([k, v]) => [`request-${k}`, v]));
  return (
    <section className="card" aria-labelledby="reply-heading">
      <div role="status" aria-live="polite">{done && <p className="mb-4 border-l-8 border-nhs-green p-3 font-bold">{done}</p>}</div>
      <ErrorSummary message={failure?.message} fields={fields} focusKey={attempt} />
      <h2 id="reply-heading" className="mb-2 text-xl font-bold">Reply to the requester</h2>
      <label htmlFor="request-reply" className="label">Reply text</label>
      <span id="request-reply-hint" className="hint">Generated from the diagnosis and the changes made. Edit it if needed: when you resolve the request it is emailed to the requester and kept with the request.</span>
      <textarea id="request-reply" aria-describedby="request-reply-hint" className="input mb-3 max-w-none" rows={14} value={reply} maxLength={5000} onChange={(e) => setReply(e.target.value)} />
      <button type="button" className="button-secondary mb-6" onClick={() => navigator.clipboard?.writeText(reply).then(() => setDone("Reply copied."))}>
        Copy reply
      </button>
      {canChange && (
        <>
          <h2 className="mb-2 text-xl font-bold">Progress</h2>
          <p className="mb-3">Status: <strong data-testid="request-status">{requestStatusNames[request.status as keyof typeof requestStatusNames]}</strong></p>
          <div className="mb-4 flex flex-wrap gap-3">
            {request.assignedToId !== me && (
              <button type="button" className="button-secondary" disabled={busy} onClick={() => send({ assignedToId: me, status: request.status === "new" ? "in_progress" : undefined }, "Assigned to you.")}>
                Assign to me
              </button>
            )}
            {request.status !== "in_progress" && (
              <button type="button" className="button-secondary" disabled={busy} onClick={() => send({ status: "in_progress" }, "Marked in progress.")}>Mark in progress</button>
            )}
          </div>
          {request.status !== "waiting" && (
            <div className="mb-6">
              <label htmlFor="request-message" className="label">Ask the requester for something</label>
              <span id="request-message-hint" className="hint">Emailed to them; they answer through the status page. The service-level clock stops until they reply.</span>
              <textarea id="request-message" aria-describedby="request-message-hint" className="input mb-3" rows={3} maxLength={2000} value={ask} onChange={(e) => setAsk(e.target.value)} />
              <button type="button" className="button-secondary" disabled={busy} onClick={() => send({ status: "waiting", message: ask }, "Waiting for the requester: they have been emailed.")}>
                Wait for requester
              </button>
            </div>
          )}
          <div className="mb-6 flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="request-assignedToId" className="label">Assign to a colleague</label>
              <select id="request-assignedToId" className="input" value={colleague} onChange={(e) => setColleague(e.target.value)}>
                <option value="">Choose a colleague</option>
                {colleagues.map((c) => (
                  <option key={c.id} value={c.id}>{c.name}</option>
                ))}
              </select>
            </div>
            <button type="button" className="button-secondary" disabled={busy || !colleague} onClick={() => send({ assignedToId: Number(colleague) }, "Assigned.")}>Assign</button>
          </div>
          <button type="button" className="button mb-6" disabled={busy} onClick={() => send({ status: "resolved", reply }, "Resolved. The reply has been emailed to the requester and is kept with the request.")}>
            Resolve with this reply
          </button>
          <details>
            <summary className="cursor-pointer font-bold text-nhs-blue underline">Reject this request</summary>
            <label htmlFor="request-rejectionReason" className="label mt-3">Why is it rejected?</label>
            <textarea id="request-rejectionReason" className="input mb-3" rows={2} maxLength={500} value={rejection} onChange={(e) => setRejection(e.target.value)} />
            <button type="button" className="button-warning" disabled={busy} onClick={() => send({ status: "rejected", rejectionReason: rejection, reply }, "Rejected.")}>Reject request</button>
          </details>
        </>
      )}
    </section>
  );
}
