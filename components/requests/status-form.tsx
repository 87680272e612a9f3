"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { requestStatusAction } from "@/app/requests/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useActionForm } from "@/components/forms/use-action-form";
import { TextField } from "@/components/forms/text-field";
import { requestStatusNames, StatusLookupSchema } from "@/lib/validations/request";
import { CheckAccess } from "./check-access";
import { RequesterReplyForm } from "./requester-reply-form";

type Values = z.input<typeof StatusLookupSchema>;
type Found = {
  reference: string;
  status: keyof typeof requestStatusNames;
  createdAt: Date;
  closedAt: Date | null;
  reply: string | null;
  conversation: { from: "you" | "ra"; text: string; at: Date }[];
  canReply: boolean;
  nextSteps: string[];
};

const explain: Record<keyof typeof requestStatusNames, string> = {
  new: "Your registration authority has your request and will pick it up soon.",
  in_progress: "Your registration authority is working on your request.",
  waiting: "Your registration authority is waiting for something from you: check your email for their message.",
  resolved: "Your registration authority has dealt with your request.",
  rejected: "Your registration authority could not act on your request: check your email for the reason.",
};

export function StatusForm() {
  const { run, failure, fieldsFrom, attempt, failed } = useActionForm();
  const [found, setFound] = useState<Found>();
  const [checked, setChecked] = useState<Values>();
  const [replySent, setReplySent] = useState(false);
  const { register, handleSubmit, formState } = useForm<Values>({ resolver: zodResolver(StatusLookupSchema), shouldFocusError: false });

  const lookUp = async (values: Values) => {
    setFound(undefined);
    setReplySent(false);
    const result = await run(() => requestStatusAction(values));
    setFound(result);
    setChecked(result ? values : undefined);
  };
  const onSubmit = handleSubmit(lookUp, failed);
  const fields = fieldsFrom(formState.errors);

  return (
    <>
      <form onSubmit={onSubmit} noValidate className="card">
        <ErrorSummary message={failure?.message} fields={fields} focusKey={attempt} />
        <TextField label="Request reference" hint="For example CSMS-7K4M2P9Q" autoComplete="off" maxLength={20} error={fields.reference} {...register("reference")} />
        <TextField label="Work email address" type="email" autoComplete="email" maxLength={254} error={fields.email} {...register("email")} />
        <button type="submit" className="button" disabled={formState.isSubmitting}>Check status</button>
      </form>
      <div role="status" aria-live="polite">
        {found && (
          <section className="card border-l-8 border-l-nhs-blue" aria-labelledby="status-heading">
            <h2 id="status-heading" className="mb-2 text-2xl font-bold">
              {found.reference}: <span data-testid="request-status">{requestStatusNames[found.status]}</span>
            </h2>
            {found.nextSteps.length > 0 ? (
              found.nextSteps.map((line) => (
                <p key={line} className="mb-4">{line}</p>
              ))
            ) : (
              <p className="mb-4">{explain[found.status]}</p>
            )}
            {found.reply && (
              <>
                <h3 className="mb-2 text-lg font-bold">Reply from your registration authority</h3>
                <p className="mb-4 whitespace-pre-wrap wrap-anywhere">{found.reply}</p>
              </>
            )}
            {found.conversation.length > 0 && (
              <>
                <h3 className="mb-2 text-lg font-bold">Messages about this request</h3>
                <ol className="mb-4" data-testid="conversation">
                  {found.conversation.map((m, i) => (
                    <li key={i} className="mb-2 border-l-4 border-nhs-border pl-3">
                      <span className="block font-bold">{m.from === "you" ? "You wrote" : "Your registration authority wrote"}</span>
                      <span className="whitespace-pre-wrap wrap-anywhere">{m.text}</span>
                    </li>
                  ))}
                </ol>
              </>
            )}
            {replySent && <p className="mb-3 border-l-8 border-nhs-green p-3 font-bold" data-testid="reply-sent">Your reply has been sent. We have emailed you to confirm.</p>}
            {found.canReply && checked && (
              <RequesterReplyForm
                reference={found.reference}
                email={checked.email}
                onSent={async () => {
                  const refreshed = await requestStatusAction(checked);
                  if (refreshed.ok) setFound(refreshed.value);
                  setReplySent(true);
                }}
              />
            )}
            <CheckAccess />
          </section>
        )}
      </div>
    </>
  );
}
