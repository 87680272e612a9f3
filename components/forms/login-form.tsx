"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { SIGN_IN_POLICY } from "@/lib/auth/sign-in-policy";
import { safeReturnPath } from "@/lib/safe-return-path";
import { LoginSchema, signInWaitMessage } from "@/lib/validations/login";
import { ErrorSummary, useFailedAttempts } from "./error-summary";
import { TextField } from "./text-field";

type LoginValues = z.input<typeof LoginSchema>;

export function LoginForm({ returnTo }: { returnTo: string }) {
  const router = useRouter();
  const [failure, setFailure] = useState<string>();
  const { register, handleSubmit, formState } = useForm<LoginValues>({ resolver: zodResolver(LoginSchema), shouldFocusError: false });
  const fields = Object.fromEntries(Object.entries(formState.errors).map(([k, v]) => [k, v?.message ?? ""]));

  const { attempt, failed } = useFailedAttempts();
  const onSubmit = handleSubmit(async (values) => {
    setFailure(undefined);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      setFailure(
        signInWaitMessage(result?.error) ??
          "The email address or password is not right. Check them and try again. " +
            `After ${SIGN_IN_POLICY.freeFailures} failed attempts, each further try for that email has to wait a little longer.`,
      );
      failed();
      return;
    }
    // The page made it safe already; checked again here because this is where the browser is sent.
    router.replace(safeReturnPath(returnTo));
    router.refresh();
  }, failed);

  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary message={failure} fields={fields} focusKey={attempt} />
      <TextField label="Email address" type="email" autoComplete="username" error={fields.email} {...register("email")} />
      <TextField label="Password" type="password" autoComplete="current-password" error={fields.password} {...register("password")} />
      <button type="submit" className="button" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
