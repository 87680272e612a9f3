/** The element at the top of <main> (app/layout.tsx) where every error summary shows, whichever form it belongs to. */
export const ERROR_SUMMARY_SLOT = "error-summary-slot";
