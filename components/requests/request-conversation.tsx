import { UkDateTime } from "@/components/ui/uk-time";
import { emailStatusNames } from "@/lib/format";
import { NoteForm } from "./note-form";

type Note = { id: string; kind: string; authorName: string; text: string; createdAt: Date };
type Email = { id: string; kind: string; subject: string; status: string; createdAt: Date; sentAt: Date | null; lastError: string | null; attempts: number };

const noteLabel: Record<string, string> = {
  internal: "Internal note",
  requester: "Reply from the requester",
  to_requester: "Asked the requester",
};

const when = (at: Date) => <UkDateTime at={at} />;

/** Notes, the requester's replies and every email sent about the request, in the order they happened. */
export function RequestConversation({ requestId, notes, emails, canChange }: { requestId: string; notes: Note[]; emails: Email[]; canChange: boolean }) {
  return (
    <section className="card" aria-labelledby="conversation-heading">
      <h2 id="conversation-heading" className="mb-3 text-xl font-bold">Notes and messages</h2>
      {notes.length === 0 ? (
        <p className="mb-4">No notes or messages yet.</p>
      ) : (
        <ol className="mb-4" data-testid="request-notes">
          {notes.map((note) => (
            <li key={note.id} className={`mb-3 border-l-4 pl-3 ${note.kind === "requester" ? "border-nhs-blue" : "border-nhs-border"}`}>
              <span className="block font-bold">
                {noteLabel[note.kind] ?? note.kind} · {note.authorName} · {when(note.createdAt)}
              </span>
              <span className="whitespace-pre-wrap wrap-anywhere">{note.text}</span>
            </li>
          ))}
        </ol>
      )}
      {canChange && <NoteForm requestId={requestId} />}
      <h3 className="mb-2 mt-6 text-lg font-bold">Emails to the requester</h3>
      {emails.length === 0 ? (
        <p>No emails yet.</p>
      ) : (
        <ul data-testid="request-emails">
          {[...emails].reverse().map((email) => (
            <li key={email.id} className="mb-2">
              <strong>{emailStatusNames[email.status] ?? email.status}</strong>: {email.subject}{" "}
              <span className="text-nhs-grey">
                ({email.sentAt ? <>sent {when(email.sentAt)}</> : <>queued {when(email.createdAt)}</>}
                {email.status === "failed" && email.lastError ? `; ${email.lastError}` : ""})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
