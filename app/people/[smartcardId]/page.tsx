import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { FlashProvider } from "@/components/people/flash";
import { PastGrants } from "@/components/people/past-grants";
import { PendingChanges } from "@/components/people/pending-changes";
import { PersonHeading } from "@/components/people/person-heading";
import { PositionsTable } from "@/components/people/positions-table";
import { VerdictPanel } from "@/components/people/verdict-panel";
import { AddRolePanel } from "@/components/people/add-role-panel";
import { EventsTable } from "@/components/audit/events-table";
import { authorisePage } from "@/lib/auth/authorise";
import { pageMetadata } from "@/lib/auth/page-metadata";
import { canChangeAnything, decide } from "@/lib/auth/rules";
import { personHistory, recordProfileView } from "@/lib/data/audit";
import { listPendingChanges } from "@/lib/data/pending-changes";
import { findPastGrants, findPersonProfile, listCsmsJobRoles } from "@/lib/data/people";
import { requestReferences } from "@/lib/data/requests";
import { planFix } from "@/lib/domain/fix";
import { parseOdsCode } from "@/lib/domain/ods";
import { parseSmartcardId } from "@/lib/domain/smartcard";
import { changeRights } from "@/lib/services/change-rights";
import { NOT_FOUND_TITLE, personTitle } from "@/lib/page-title";

type Props = { params: Promise<{ smartcardId: string }>; searchParams: Promise<{ for?: string | string[] }> };

// The title and the page read the profile once between them.
const profileOnce = cache((smartcardId: string) => findPersonProfile(smartcardId));

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const parsed = parseSmartcardId(decodeURIComponent((await params).smartcardId));
  return pageMetadata({ kind: "person:read" }, "Person", async () => {
    const profile = parsed.ok ? await profileOnce(parsed.value) : null;
    return profile ? personTitle(profile.name, profile.smartcardId) : NOT_FOUND_TITLE;
  });
}

export default async function PersonPage({ params, searchParams }: Props) {
  const raw = decodeURIComponent((await params).smartcardId);
  const actor = await authorisePage({ kind: "person:read" }, `/people/${encodeURIComponent(raw)}`);
  const parsed = parseSmartcardId(raw);
  if (!parsed.ok) notFound();
  const [profile, catalogue, history] = await Promise.all([
    profileOnce(parsed.value),
    listCsmsJobRoles(),
    personHistory(parsed.value),
  ]);
  if (!profile) notFound();
  const [references, pastGrants, pending] = await Promise.all([
    requestReferences(history.map((e) => e.requestId)),
    findPastGrants(profile.id),
    listPendingChanges(actor.role === "auditor" ? "all" : actor.odsCodes, { smartcardId: profile.smartcardId }),
    recordProfileView(actor, profile, "page"),
  ]);

  // Controls appear only where the server would allow the change; the server checks again on submit.
  const rights = changeRights(actor, profile.smartcardId, profile.positions.map((p) => p.odsCode));
  const wanted = (await searchParams).for;
  const named = typeof wanted === "string" ? parseOdsCode(wanted) : null;
  const plan = planFix(profile.verdictInput, named?.ok ? named.value.code : null);
  const asked = pending.filter((c) => c.kind.startsWith("workgroup")).map((c) => c.odsCode);
  const ownProfile = actor.ownSmartcardId === profile.smartcardId;

  return (
    <FlashProvider>
      <PersonHeading profile={profile} />
      {ownProfile && (
        <p className="card border-l-8 border-l-nhs-warm-yellow">This is your own Care Identity profile: another RA officer must make any change to it.</p>
      )}
      <PendingChanges pending={pending} canDecide={decide(actor, { kind: "change:queue" }).allowed} />
      <VerdictPanel profile={profile} catalogue={catalogue} rights={rights} plan={plan} asked={asked} readOnly={!canChangeAnything(actor)} />
      <PositionsTable profile={profile} rights={rights} asked={asked} />
      {rights.roles.length > 0 && (
        <AddRolePanel profile={profile} catalogue={catalogue} changeable={rights.roles} needsRoleAt={plan.actions.find((a) => a.kind === "add_role")?.odsCode} />
      )}
      <PastGrants grants={pastGrants} />
      <section aria-labelledby="history-heading" className="card">
        <h2 id="history-heading" className="mb-3 text-xl font-bold">History</h2>
        <EventsTable events={history} caption={`Changes to ${profile.name}'s access, newest first`} empty="No changes have been made to this person's access in the console yet." references={references} />
        {actor.role !== "ra_agent" && history.length > 0 && (
          <p className="mt-3"><Link href={`/audit?smartcardId=${profile.smartcardId}`}>All changes for this person in the change log</Link></p>
        )}
      </section>
    </FlashProvider>
  );
}
