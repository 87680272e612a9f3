import { LOGIN_STEPS, LOGOUT_REMINDER } from "@/lib/domain/reply-text";

/** The guidance's "Check your access" steps, shown wherever a requester waits for the RA. */
export function CheckAccess() {
  return (
    <>
      <h2 className="mb-2 text-xl font-bold">How to check your access once the RA has acted</h2>
      <ol className="mb-3 list-decimal pl-6">
        {LOGIN_STEPS.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p className="mb-3">If your profile has been updated correctly, you will be able to choose a role and then see the CSMS Patient Search page.</p>
      <p className="font-bold">{LOGOUT_REMINDER}</p>
    </>
  );
}
