import { ErrorSummary } from "./error-summary";
import { TextField } from "./text-field";

/**
 * The lookup is a plain GET form: the page validates the query on the server and answers with the error
 * summary, so the browser loads no form library for one field (the page's JS budget is 10 KB gzip,
 * checked by scripts/route-js-report.mjs). noValidate: the server's messages, not the browser's bubbles.
 */
export function LookupForm({ defaultValue, serverError }: { defaultValue: string; serverError?: string }) {
  return (
    <form action="/" method="get" noValidate role="search" aria-label="Person lookup">
      <ErrorSummary fields={serverError ? { smartcardId: serverError } : {}} />
      <TextField
        name="smartcardId"
        label="Smartcard ID"
        hint="12 digits, for example 5555 1234 5678. Spaces and dashes are fine."
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        error={serverError}
        defaultValue={defaultValue}
        className="input max-w-xs text-lg tracking-wider"
      />
      <button type="submit" className="button">Look up</button>
    </form>
  );
}
