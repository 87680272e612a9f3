"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { confirmIdentityAction } from "@/app/requests/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { SelectField } from "@/components/forms/select-field";
import { TextArea } from "@/components/forms/text-area";
import { useActionForm } from "@/components/forms/use-action-form";
import { IDENTITY_METHODS, type IdentityState } from "@/lib/domain/identity";
import { IdentityConfirmSchema } from "@/lib/validations/request";

type Values = z.input<typeof IdentityConfirmSchema>;

type Props = {
  request: { id: string; version: number };
  identity: { state: IdentityState; text: string; confirmed: boolean };
  confirmation: { method: string; note: string; by: string; at: string } | null;
  canChange: boolean;
};

const headline: Record<IdentityState, string> = {
  match: "Requester matches the profile",
  mismatch: "Requester does not match the profile",
  no_profile_email: "Profile has no email to compare",
  no_profile: "No profile to compare",
};

/** Who is asking, at the top of the request: a form proves nothing, so a mismatch must be confirmed or rejected. */
export function IdentityPanel({ request, identity, confirmation, canChange }: Props) {
  const { run, done, failure, fieldsFrom, attempt, failed } = useActionForm();
  const { register, handleSubmit, formState } = useForm<Values>({
    resolver: zodResolver(IdentityConfirmSchema),
    defaultValues: { id: request.id, version: request.version, note: "" },
    shouldFocusError: false,
  });
  const onSubmit = handleSubmit((values) => run(() => confirmIdentityAction(values), "Identity confirmation recorded."), failed);
  const fields = fieldsFrom(formState.errors);
  const tone = identity.state === "match" || identity.confirmed ? "border-l-nhs-green" : identity.state === "no_profile" ? "border-l-nhs-blue" : "border-l-nhs-red";
  const needsConfirming = !identity.confirmed && (identity.state === "mismatch" || identity.state === "no_profile_email");

  return (
    <section className={`card border-l-8 ${tone}`} aria-labelledby="identity-heading" data-testid="identity-panel">
      <h2 id="identity-heading" className="mb-1 text-xl font-bold">Identity: {headline[identity.state]}</h2>
      <p className="mb-2">{identity.text}</p>
      <div role="status" aria-live="polite">{done && <p className="mb-2 font-bold">{done}</p>}</div>
      {confirmation && (
        <p className="mb-2" data-testid="identity-confirmation">
          <strong>Identity confirmed</strong> by {confirmation.by} on {confirmation.at}: {confirmation.method}. {confirmation.note}
        </p>
      )}
      {needsConfirming && canChange && (
        <form onSubmit={onSubmit} noValidate className="mt-3">
          <p className="mb-3">Before changing the profile, confirm that the smartcard ID belongs to the person asking. If you cannot, reject the request below: the draft reply says why.</p>
          <ErrorSummary message={failure?.message} fields={fields} idPrefix="identity-" focusKey={attempt} />
          <SelectField id="identity-method" label="How did you confirm their identity?" error={fields.method} {...register("method")}>
            <option value="">Choose how</option>
            {Object.entries(IDENTITY_METHODS).map(([value, label]) => (
              <option key={value} value={value}>{label}</option>
            ))}
          </SelectField>
          <TextArea
            id="identity-note"
            label="Note"
            hint="Who confirmed it and how to reach them, or what you checked. Kept with every change made for this request."
            rows={2}
            maxLength={500}
            error={fields.note}
            {...register("note")}
          />
          <button type="submit" className="button" disabled={formState.isSubmitting}>Record identity confirmation</button>
        </form>
      )}
    </section>
  );
}
