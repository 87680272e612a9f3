"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { saveJobRoleAction } from "@/app/admin-actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { TextArea } from "@/components/forms/text-area";
import { TextField } from "@/components/forms/text-field";
import { JobRoleSchema } from "@/lib/validations/admin";
import { useActionForm } from "@/components/forms/use-action-form";

type Values = z.input<typeof JobRoleSchema>;
type Props = { mode: "add" | "update"; role?: { code: string; name: string; userGroup: string; functions: string[]; csmsAccess: boolean } };

export function JobRoleForm({ mode, role }: Props) {
  const prefix = `jobrole-${role?.code ?? "new"}-`;
  const { run, failure, done, fieldsFrom, attempt, failed } = useActionForm();
  const { register, handleSubmit, formState } = useForm<Values, unknown, z.output<typeof JobRoleSchema>>({
    resolver: zodResolver(JobRoleSchema),
    defaultValues: role ? { ...role, functions: role.functions.join("\n") } : { code: "", name: "", userGroup: "", functions: "", csmsAccess: true },
    shouldFocusError: false,
  });
  const fields = fieldsFrom(formState.errors, prefix);
  const onSubmit = handleSubmit((values) => run(() => saveJobRoleAction(mode, values), mode === "add" ? "Job role added." : "Job role saved."), failed);

  return (
    <form onSubmit={onSubmit} noValidate className="mt-3">
      <div role="status">{done && <p className="mb-3 font-bold text-nhs-green">{done}</p>}</div>
      <ErrorSummary message={failure?.message} fields={fields} focusKey={attempt} />
      {mode === "add" && <TextField id={`${prefix}code`} label="Job role code" hint="R and 4 digits, e.g. R8001" maxLength={5} error={fields[`${prefix}code`]} {...register("code")} />}
      <TextField id={`${prefix}name`} label="Name" maxLength={100} error={fields[`${prefix}name`]} {...register("name")} />
      <TextField id={`${prefix}userGroup`} label="CSMS user group" maxLength={120} error={fields[`${prefix}userGroup`]} {...register("userGroup")} />
      <TextArea id={`${prefix}functions`} label="CSMS functions" hint="One per line." rows={4} error={fields[`${prefix}functions`]} {...register("functions")} />
      <div className="mb-4 flex items-center gap-2">
        <input id={`${prefix}csmsAccess`} type="checkbox" className="h-6 w-6" {...register("csmsAccess")} />
        <label htmlFor={`${prefix}csmsAccess`} className="font-bold">CSMS accepts this role at login</label>
      </div>
      <button type="submit" className="button" disabled={formState.isSubmitting}>{mode === "add" ? "Add job role" : `Save ${role?.code}`}</button>
    </form>
  );
}
