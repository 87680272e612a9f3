import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FlashProvider } from "@/components/people/flash";
import { PastGrants } from "@/components/people/past-grants";
import { PersonHeading } from "@/components/people/person-heading";
import { PositionsTable } from "@/components/people/positions-table";
import { VerdictPanel } from "@/components/people/verdict-panel";
import { AddRolePanel } from "@/components/people/add-role-panel";
import { EventsTable } from "@/components/audit/events-table";
import { authorisePage } from "@/lib/auth/authorise";
import { decide } from "@/lib/auth/rules";
import { personHistory, recordProfileView } from "@/lib/data/audit";
import { findPastGrants, findPersonProfile, listCsmsJobRoles } from "@/lib/data/people";
import { requestReferences } from "@/lib/data/requests";
import { parseSmartcardId } from "@/lib/domain/smartcard";

export const metadata: Metadata = { title: "Person" };

type Props = { params: Promise<{ smartcardId: string }> };

export default async function PersonPage({ params }: Props) {
  const raw = decodeURIComponent((await params).smartcardId);
  const actor = await authorisePage({ kind: "person:read" }, `/people/${encodeURIComponent(raw)}`);
  const parsed = parseSmartcardId(raw);
  if (!parsed.ok) notFound();
  const [profile, catalogue, history] = await Promise.all([
    findPersonProfile(parsed.value),
    listCsmsJobRoles(),
    personHistory(parsed.value),
  ]);
  if (!profile) notFound();
  const [references, pastGrants] = await Promise.all([
    requestReferences(history.map((e) => e.requestId)),
    findPastGrants(profile.id),
    recordProfileView(actor, profile, "page"),
  ]);

  // Controls appear only where the server would allow the change; the server checks again on submit.
  const changeable = profile.positions
    .map((p) => p.odsCode)
    .filter((odsCode) => decide(actor, { kind: "person:change", smartcardId: profile.smartcardId, odsCode }).allowed);
  const ownProfile = actor.ownSmartcardId === profile.smartcardId;

  return (
    <FlashProvider>
      <PersonHeading profile={profile} />
      {ownProfile && (
        <p className="card border-l-8 border-l-nhs-warm-yellow">This is your own Care Identity profile: another RA officer must make any change to it.</p>
      )}
      <VerdictPanel profile={profile} catalogue={catalogue} changeable={changeable} />
      <PositionsTable profile={profile} changeable={changeable} />
      {changeable.length > 0 && <AddRolePanel profile={profile} catalogue={catalogue} changeable={changeable} />}
      <PastGrants grants={pastGrants} />
      <section aria-labelledby="history-heading" className="card overflow-x-auto">
        <h2 id="history-heading" className="mb-3 text-xl font-bold">History</h2>
        <EventsTable events={history} caption={`Changes to ${profile.name}'s access, newest first`} empty="No changes have been made to this person's access in the console yet." references={references} />
        {actor.role !== "ra_agent" && history.length > 0 && (
          <p className="mt-3"><Link href={`/audit?smartcardId=${profile.smartcardId}`}>All changes for this person in the change log</Link></p>
        )}
      </section>
    </FlashProvider>
  );
}
