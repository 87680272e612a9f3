"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type Resolver } from "react-hook-form";
import { changeConsoleUserAction, createConsoleUserAction } from "@/app/admin-actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { SelectField } from "@/components/forms/select-field";
import { TextField } from "@/components/forms/text-field";
import { formatSmartcardId } from "@/lib/domain/smartcard";
import { ConsoleUserSchema, ConsoleUserUpdateSchema } from "@/lib/validations/admin";
import { useActionForm } from "@/components/forms/use-action-form";

type User = { id: number; email: string; name: string; role: "ra_agent" | "advanced_ra_agent" | "auditor"; organisations: string[]; active: boolean; smartcardId: string | null };
type Values = {
  id?: number;
  email?: string;
  name: string;
  role: "ra_agent" | "advanced_ra_agent" | "auditor";
  odsCodes: string[];
  active: boolean;
  smartcardId: string;
  password?: string;
};
type Props = { user?: User; organisations: { odsCode: string; name: string }[] };

/** Adds a console user, or changes one; role and organisations apply on the user's very next request. */
export function ConsoleUserForm({ user, organisations }: Props) {
  const prefix = `user-${user?.id ?? "new"}-`;
  const { run, failure, done, fieldsFrom, attempt, failed } = useActionForm();
  const { register, handleSubmit, formState } = useForm<Values>({
    resolver: zodResolver(user ? ConsoleUserUpdateSchema : ConsoleUserSchema) as unknown as Resolver<Values>,
    defaultValues: user
      ? { id: user.id, name: user.name, role: user.role, odsCodes: user.organisations, active: user.active, smartcardId: user.smartcardId ? formatSmartcardId(user.smartcardId) : "" }
      : { email: "", name: "", role: "ra_agent", odsCodes: [], active: true, smartcardId: "", password: "" },
    shouldFocusError: false,
  });
  const fields = fieldsFrom(formState.errors, prefix);
  const onSubmit = handleSubmit((values) =>
    user ? run(() => changeConsoleUserAction(values), "Saved: it applies on their next request.") : run(() => createConsoleUserAction(values), "Console user added."),
  failed);

  return (
    <form onSubmit={onSubmit} noValidate className="mt-3">
      <div role="status">{done && <p className="mb-3 font-bold text-nhs-green">{done}</p>}</div>
      <ErrorSummary message={failure?.message} fields={fields} focusKey={attempt} />
      {!user && <TextField id={`${prefix}email`} label="Email address" type="email" maxLength={254} error={fields[`${prefix}email`]} {...register("email")} />}
      <TextField id={`${prefix}name`} label="Name" maxLength={100} error={fields[`${prefix}name`]} {...register("name")} />
      <TextField
        id={`${prefix}smartcardId`}
        label="Smartcard ID of their own Care Identity profile"
        hint={
          user?.smartcardId
            ? "12 digits. They cannot change this profile in the console; you can correct the ID but not remove it."
            : "12 digits. Links the account to the person's own profile, so they cannot change it. Leave empty only if they have no profile here."
        }
        inputMode="numeric"
        autoComplete="off"
        maxLength={64}
        error={fields[`${prefix}smartcardId`]}
        {...register("smartcardId")}
      />
      <SelectField id={`${prefix}role`} label="Console role" error={fields[`${prefix}role`]} {...register("role")}>
        <option value="ra_agent">RA agent</option>
        <option value="advanced_ra_agent">Advanced RA agent (also manages workgroups)</option>
        <option value="auditor">Auditor</option>
      </SelectField>
      <fieldset className="mb-4" aria-describedby={fields[`${prefix}odsCodes`] ? `${prefix}odsCodes-error` : undefined}>
        <legend className="label">Organisations they act for</legend>
        {fields[`${prefix}odsCodes`] && <span id={`${prefix}odsCodes-error`} className="field-error">Error: {fields[`${prefix}odsCodes`]}</span>}
        {organisations.map((o, i) => (
          <div key={o.odsCode} className="flex items-center gap-2">
            <input id={i === 0 ? `${prefix}odsCodes` : `${prefix}odsCodes-${o.odsCode}`} type="checkbox" value={o.odsCode} className="h-5 w-5" {...register("odsCodes")} />
            <label htmlFor={i === 0 ? `${prefix}odsCodes` : `${prefix}odsCodes-${o.odsCode}`}>{o.odsCode} {o.name}</label>
          </div>
        ))}
      </fieldset>
      <div className="mb-4 flex items-center gap-2">
        <input id={`${prefix}active`} type="checkbox" className="h-5 w-5" {...register("active")} />
        <label htmlFor={`${prefix}active`} className="font-bold">Account active (untick to end their sessions now)</label>
      </div>
      {!user && (
        <TextField id={`${prefix}password`} label="Temporary password (email-and-password sign-in only)" hint="At least 12 characters. Leave empty where staff sign in with their Care Identity." type="password" autoComplete="new-password" maxLength={200} error={fields[`${prefix}password`]} {...register("password")} />
      )}
      <button type="submit" className="button" disabled={formState.isSubmitting}>{user ? `Save ${user.name}` : "Add console user"}</button>
    </form>
  );
}
