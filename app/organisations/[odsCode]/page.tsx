import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CreateWorkgroupForm } from "@/components/organisations/create-workgroup-form";
import { FlashProvider } from "@/components/people/flash";
import { authorisePage } from "@/lib/auth/authorise";
import { pageMetadata } from "@/lib/auth/page-metadata";
import { NOT_FOUND_TITLE, organisationTitle } from "@/lib/page-title";
import { NO_ORG_WORKGROUP } from "@/lib/domain/fix";
import { ukDate } from "@/lib/dates";
import { UkDate } from "@/components/ui/uk-time";
import { organisationPage } from "@/lib/services/organisation-workgroups";

type Props = { params: Promise<{ odsCode: string }> };

// The title and the page read the organisation once between them.
const organisationOnce = cache(organisationPage);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { odsCode } = await params;
  return pageMetadata({ kind: "person:read" }, "Organisation", async (actor) => {
    const view = await organisationOnce(actor, odsCode);
    return view ? organisationTitle(view.organisation.name, view.organisation.odsCode) : NOT_FOUND_TITLE;
  });
}

export default async function OrganisationPage({ params }: Props) {
  const { odsCode } = await params;
  const actor = await authorisePage({ kind: "person:read" }, `/organisations/${encodeURIComponent(odsCode)}`);
  const view = await organisationOnce(actor, odsCode);
  if (!view) notFound();
  const { organisation: o, canCreateWorkgroup } = view;

  return (
    <FlashProvider>
      <h1 className="mb-2 text-3xl font-bold">{o.name} ({o.odsCode})</h1>
      <section className="card" aria-labelledby="org-heading">
        <h2 id="org-heading" className="sr-only">About this organisation</h2>
        <p className="mb-2">Kind: {o.kind.replace(/_/g, " ")}{o.closedAt && ` · closed on ${ukDate(new Date(o.closedAt))} (kept for history)`}</p>
        <p className="mb-2">
          {o.groups.length === 0 ? "Not part of a PCN or federation." : "Part of "}
          {o.groups.map((g, i) => (
            <span key={g.odsCode}>
              {i > 0 && " and "}
              <Link href={`/organisations/${g.odsCode}`}>{g.name} ({g.odsCode})</Link>
            </span>
          ))}
        </p>
        <h2 className="mb-2 mt-4 text-xl font-bold">cervicalscreening workgroup</h2>
        {o.cervicalScreeningWorkgroup ? (
          <p data-testid="org-workgroup">Created <UkDate at={new Date(o.cervicalScreeningWorkgroup.createdAt)} />{o.cervicalScreeningWorkgroup.createdBy && ` by ${o.cervicalScreeningWorkgroup.createdBy}`}.</p>
        ) : (
          <>
            <p data-testid="org-workgroup">None: {NO_ORG_WORKGROUP}.</p>
            {canCreateWorkgroup && <CreateWorkgroupForm odsCode={o.odsCode} idPrefix="org-workgroup-" />}
          </>
        )}
      </section>
    </FlashProvider>
  );
}
