"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { createOrganisationWorkgroupAction } from "@/app/organisations/[odsCode]/actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { TextArea } from "@/components/forms/text-area";
import { useProfileChange } from "@/components/people/use-profile-change";
import { CreateOrganisationWorkgroupSchema, type CreateOrganisationWorkgroupInput } from "@/lib/validations/organisation";

type Props = { odsCode: string; idPrefix: string; defaultReason?: string };

/** For an RA manager or advanced RA agent: creates the organisation's cervicalscreening workgroup (audited). */
export function CreateWorkgroupForm({ odsCode, idPrefix, defaultReason = "" }: Props) {
  const { submit, failure, attempt, failed, fieldsFrom } = useProfileChange();
  const { register, handleSubmit, formState } = useForm<CreateOrganisationWorkgroupInput>({
    resolver: zodResolver(CreateOrganisationWorkgroupSchema),
    defaultValues: { odsCode, reason: defaultReason },
    shouldFocusError: false,
  });
  const onSubmit = handleSubmit((values) => submit(() => createOrganisationWorkgroupAction(values)), failed);
  const fields = fieldsFrom(formState.errors, ["odsCode", "reason"]);

  return (
    <form onSubmit={onSubmit} noValidate className="mt-3">
      <ErrorSummary message={failure?.message} fields={fields} idPrefix={idPrefix} focusKey={attempt} />
      <TextArea id={`${idPrefix}reason`} label="Why is it needed?" hint="Kept in the change log." error={fields.reason} rows={2} maxLength={500} {...register("reason")} />
      <button type="submit" className="button" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Creating…" : `Create the cervicalscreening workgroup at ${odsCode}`}
      </button>
    </form>
  );
}
