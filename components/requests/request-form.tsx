"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { submitRequestAction } from "@/app/requests/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useActionForm } from "@/components/forms/use-action-form";
import { TextArea } from "@/components/forms/text-area";
import { TextField } from "@/components/forms/text-field";
import { suggestedSupportText } from "@/lib/domain/request-text";
import { MAX_ORGANISATIONS, RequestFormSchema } from "@/lib/validations/request";
import { suggestionLabel, useOrganisationSuggestions } from "./use-organisation-suggestions";

type Values = z.input<typeof RequestFormSchema>;

export function RequestForm() {
  const { run, failure, fieldsFrom, attempt, failed } = useActionForm();
  const router = useRouter();
  const [query, setQuery] = useState("");
  const suggestions = useOrganisationSuggestions(query);
  const { register, handleSubmit, formState, control, getValues, setValue, setFocus } = useForm<Values>({
    resolver: zodResolver(RequestFormSchema),
    defaultValues: { name: "", email: "", organisation: "", otherOrganisations: [], smartcardId: "", message: suggestedSupportText() },
    shouldFocusError: false,
  });
  const others = useFieldArray({ control, name: "otherOrganisations" });

  // Fill the smartcard ID into the suggested text as it is typed, unless the message has been edited.
  const smartcardId = useWatch({ control, name: "smartcardId" });
  const lastTemplate = useRef(suggestedSupportText());
  useEffect(() => {
    const next = suggestedSupportText(typeof smartcardId === "string" ? smartcardId : "");
    if (getValues("message") === lastTemplate.current) setValue("message", next);
    lastTemplate.current = next;
  }, [smartcardId, getValues, setValue]);

  // A new organisation box takes the focus, so keyboard users land where they are about to type.
  const added = useRef(false);
  useEffect(() => {
    if (added.current && others.fields.length > 0) setFocus(`otherOrganisations.${others.fields.length - 1}.organisation`);
    added.current = false;
  }, [others.fields.length, setFocus]);

  const onSubmit = handleSubmit(async (values) => {
    const created = await run(() => submitRequestAction(values));
    // The confirmation has its own address (reference only, no personal data), so a refresh keeps it.
    if (created) router.push(`/requests/submitted?ref=${encodeURIComponent(created.reference)}`);
  }, failed);

  const fields = fieldsFrom(formState.errors);
  // Each further organisation's error, keyed by its box's id (the error summary links there).
  formState.errors.otherOrganisations?.forEach?.((error, i) => {
    const message = error?.organisation?.message;
    if (message) fields[`otherOrganisations.${i}.organisation`] = message;
  });
  const organisationHint = "The ODS code (for example A81001) or name of the practice or organisation where you need CSMS access.";
  const onOrganisationInput = (event: FormEvent<HTMLInputElement>) => setQuery(event.currentTarget.value);

  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary message={failure?.message} fields={fields} focusKey={attempt} />
      <TextField label="Your name" autoComplete="name" maxLength={100} error={fields.name} {...register("name")} />
      <TextField label="Work email address" type="email" autoComplete="email" maxLength={254} hint="We send updates about this request here." error={fields.email} {...register("email")} />
      <TextField
        label="Organisation"
        hint={organisationHint}
        list="organisation-suggestions"
        autoComplete="off"
        maxLength={120}
        error={fields.organisation}
        onInput={onOrganisationInput}
        {...register("organisation")}
      />
      <datalist id="organisation-suggestions" data-testid="organisation-suggestions">
        {suggestions.map((s) => (
          <option key={s.odsCode} value={s.odsCode} label={suggestionLabel(s)}>{suggestionLabel(s)}</option>
        ))}
      </datalist>
      <fieldset className="mb-5" aria-describedby="other-organisations-hint">
        <legend className="label">Other organisations you work at (if any)</legend>
        <div id="other-organisations-hint" className="hint">
          <p className="mb-2">You need a CSMS job role and that organisation&rsquo;s cervicalscreening workgroup at each organisation you work at. Add each one, so your RA can check them all.</p>
          <p>If you work across GP practices in the same primary care network (PCN) or GP federation, you usually only need one of these practices added to your smartcard to access all patient records registered to that group: give that practice above.</p>
        </div>
        {others.fields.map((field, i) => (
          <div key={field.id} className="mb-2 flex flex-wrap items-end gap-2">
            <div className="min-w-0 flex-1">
              <TextField
                label={`Organisation ${i + 2}`}
                list="organisation-suggestions"
                autoComplete="off"
                maxLength={120}
                error={fields[`otherOrganisations.${i}.organisation`]}
                onInput={onOrganisationInput}
                {...register(`otherOrganisations.${i}.organisation`)}
              />
            </div>
            <button type="button" className="button-secondary mb-5" onClick={() => others.remove(i)}>
              Remove<span className="sr-only"> organisation {i + 2}</span>
            </button>
          </div>
        ))}
        {others.fields.length < MAX_ORGANISATIONS - 1 ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              added.current = true;
              others.append({ organisation: "" }, { shouldFocus: false });
            }}
          >
            Add another organisation
          </button>
        ) : (
          <p className="hint">You can name up to {MAX_ORGANISATIONS} organisations. Your RA can add more once they have your request.</p>
        )}
      </fieldset>
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
