"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { submitRequestAction } from "@/app/requests/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useActionForm } from "@/components/forms/use-action-form";
import { TextArea } from "@/components/forms/text-area";
import { TextField } from "@/components/forms/text-field";
import { suggestedSupportText } from "@/lib/domain/request-text";
import { RequestFormSchema } from "@/lib/validations/request";

type Values = z.input<typeof RequestFormSchema>;
type Suggestion = { odsCode: string; name: string };

export function RequestForm() {
  const { run, failure, fieldsFrom, attempt, failed } = useActionForm();
  const router = useRouter();
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const { register, handleSubmit, formState, control, getValues, setValue } = useForm<Values>({
    resolver: zodResolver(RequestFormSchema),
    defaultValues: { name: "", email: "", organisation: "", smartcardId: "", message: suggestedSupportText() },
    shouldFocusError: false,
  });

  // Fill the smartcard ID into the suggested text as it is typed, unless the message has been edited.
  const smartcardId = useWatch({ control, name: "smartcardId" });
  const lastTemplate = useRef(suggestedSupportText());
  useEffect(() => {
    const next = suggestedSupportText(typeof smartcardId === "string" ? smartcardId : "");
    if (getValues("message") === lastTemplate.current) setValue("message", next);
    lastTemplate.current = next;
  }, [smartcardId, getValues, setValue]);

  const organisation = useWatch({ control, name: "organisation" });
  useEffect(() => {
    const q = typeof organisation === "string" ? organisation.trim() : "";
    if (q.length < 2) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/v1/organisations?q=${encodeURIComponent(q)}`, { signal: controller.signal })
        .then((r) => (r.ok ? r.json() : { organisations: [] }))
        .then((body: { organisations: Suggestion[] }) => setSuggestions(body.organisations))
        .catch(() => undefined);
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [organisation]);

  const onSubmit = handleSubmit(async (values) => {
    const created = await run(() => submitRequestAction(values));
    // The confirmation has its own address (reference only, no personal data), so a refresh keeps it.
    if (created) router.push(`/requests/submitted?ref=${encodeURIComponent(created.reference)}`);
  }, failed);

  const fields = fieldsFrom(formState.errors);

  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary message={failure?.message} fields={fields} focusKey={attempt} />
      <TextField label="Your name" autoComplete="name" maxLength={100} error={fields.name} {...register("name")} />
      <TextField label="Work email address" type="email" autoComplete="email" maxLength={254} hint="We send updates about this request here." error={fields.email} {...register("email")} />
      <TextField
        label="Organisation"
        hint="The ODS code (for example A81001) or name of the practice or organisation where you need CSMS access."
        list="organisation-suggestions"
        autoComplete="off"
        maxLength={120}
        error={fields.organisation}
        {...register("organisation")}
      />
      <datalist id="organisation-suggestions">
        {suggestions.map((s) => (
          <option key={s.odsCode} value={s.odsCode}>{s.name}</option>
        ))}
      </datalist>
      <TextField
        label="Smartcard ID (optional, but it helps)"
        hint="The 12-digit number on your Care Identity profile, for example 5555 1234 5678."
        inputMode="numeric"
        autoComplete="off"
        maxLength={64}
        error={fields.smartcardId}
        className="input max-w-xs"
        {...register("smartcardId")}
      />
      <TextArea label="Message" hint="The suggested text from the NHS guidance. Add anything else that helps, such as the error CSMS shows you." rows={8} maxLength={5000} error={fields.message} {...register("message")} />
      <button type="submit" className="button" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Sending…" : "Send request"}
      </button>
    </form>
  );
}
