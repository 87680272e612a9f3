import type { Metadata } from "next";
import Link from "next/link";
import { FlashProvider } from "@/components/people/flash";
import { ReviewForm } from "@/components/reviews/review-form";
import { authorisePage } from "@/lib/auth/authorise";
import { pageMetadata } from "@/lib/auth/page-metadata";
import { formatSmartcardId } from "@/lib/domain/smartcard";
import { parseOdsCode } from "@/lib/domain/ods";
import { ukDate } from "@/lib/dates";
import { UkDate } from "@/components/ui/uk-time";
import { grantsAtClosedOrganisations, loadReviews } from "@/lib/services/reviews";

export const generateMetadata = (): Promise<Metadata> => pageMetadata({ kind: "review:work" }, "Access reviews");

type Props = { searchParams: Promise<{ odsCode?: string | string[] }> };

export default async function ReviewsPage({ searchParams }: Props) {
  const actor = await authorisePage({ kind: "review:work" }, "/reviews");
  const raw = (await searchParams).odsCode;
  const wanted = typeof raw === "string" && raw.trim() !== "" ? raw : undefined;
  // A bad filter is said next to the filter; the list shows all the officer's organisations meanwhile.
  const parsed = wanted ? parseOdsCode(wanted) : null;
  const filterError = parsed && !parsed.ok ? parsed.message : null;
  const view = await loadReviews({ odsCode: parsed?.ok ? parsed.value.code : undefined }, actor);
  const atClosed = await grantsAtClosedOrganisations(actor);

  return (
    <>
      <h1 className="mb-2 text-3xl font-bold">Access reviews</h1>
      <p className="mb-6 max-w-3xl">
        Grants at your organisations that end within 14 days, or that nobody has granted or re-certified for 12 months, the longest-due first. Say
        whether each is still needed (it is re-certified for another year) or end it now. Every decision is in the change log.
      </p>
      <form method="get" className="card mb-6 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="review-odsCode" className="label">Organisation</label>
          {filterError && <p id="review-odsCode-error" className="mb-1 font-bold text-nhs-red">Error: {filterError}</p>}
          <select id="review-odsCode" name="odsCode" className="input" defaultValue={view.odsCode ?? ""} aria-describedby={filterError ? "review-odsCode-error" : undefined}>
            <option value="">All your organisations</option>
            {actor.odsCodes.map((code) => (
              <option key={code} value={code}>{code}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="button-secondary">Filter</button>
      </form>
      {atClosed.length > 0 && (
        <section className="card mb-6 border-l-8 border-l-nhs-red" aria-labelledby="closed-heading">
          <h2 id="closed-heading" className="mb-2 text-xl font-bold">Active grants at closed organisations</h2>
          <p className="mb-2">The ODS data marks these organisations closed (<code>npm run ods:import</code>). Open each profile and end what is no longer needed.</p>
          <ul className="list-disc pl-6" data-testid="closed-org-grants">
            {atClosed.map((g) => (
              <li key={`${g.smartcardId}-${g.odsCode}`}>
                <Link href={`/people/${g.smartcardId}`}>{g.personName} ({formatSmartcardId(g.smartcardId)})</Link>: {g.grants.join(", ")} at {g.odsCode} {g.orgName}
                {g.closedAt && `, closed ${ukDate(g.closedAt)}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {/* A decision's outcome is said here, above the list the grant usually leaves. */}
      <FlashProvider>
        {view.grants.length === 0 ? (
          <p className="card">No grants are due for review.</p>
        ) : (
          <ul>
            {view.grants.map((g) => {
              const what = g.kind === "role" ? `${g.roleCode} ${g.roleName}` : "cervicalscreening workgroup";
              return (
                <li key={`${g.kind}-${g.smartcardId}-${g.odsCode}-${g.roleCode}`} className="card" data-testid="review-row">
                  <h2 className="mb-1 text-xl font-bold">
                    {what} at {g.odsCode}
                  </h2>
                  <p className="mb-1">
                    <Link href={`/people/${g.smartcardId}`}>{g.personName} ({formatSmartcardId(g.smartcardId)})</Link>, {g.orgName}. Granted <UkDate at={g.startedAt} />
                    {g.reviewedAt.getTime() !== g.startedAt.getTime() && <>, last re-certified <UkDate at={g.reviewedAt} /></>}.
                  </p>
                  <p className="mb-3 font-bold">
                    {g.reason === "ending_soon" ? `Ends on ${ukDate(g.endsAt!)}: is it still needed after that?` : `Not reviewed for 12 months (due ${ukDate(g.dueAt)}).`}
                  </p>
                  {/* Keyed on the profile version: a decision on another of this person's grants changes it. */}
                  <ReviewForm
                    key={g.version}
                    target={{ kind: g.kind, smartcardId: g.smartcardId, odsCode: g.odsCode, roleCode: g.roleCode ?? undefined, version: g.version }}
                    label={`${what} at ${g.odsCode} for ${g.personName}`}
                    endingSoon={g.reason === "ending_soon"}
                  />
                </li>
              );
            })}
          </ul>
        )}
      </FlashProvider>
    </>
  );
}
