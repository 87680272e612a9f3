import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { EventsTable } from "@/components/audit/events-table";
import { AddRolePanel } from "@/components/people/add-role-panel";
import { FlashProvider } from "@/components/people/flash";
import { PositionsTable } from "@/components/people/positions-table";
import { DiagnosisPanel } from "@/components/requests/diagnosis-panel";
import { HighlightedText } from "@/components/requests/highlighted-text";
import { categoryNames, SlaBadge } from "@/components/requests/inbox-table";
import { RequestActions } from "@/components/requests/request-actions";
import { AttachSmartcardForm } from "@/components/requests/attach-smartcard-form";
import { AttachOdsForm } from "@/components/requests/attach-ods-form";
import { RequestConversation } from "@/components/requests/request-conversation";
import { SplitForm } from "@/components/requests/split-form";
import { IdentityPanel } from "@/components/requests/identity-panel";
import { UkDateTime } from "@/components/ui/uk-time";
import { OtherOrganisations } from "@/components/requests/other-organisations";
import { PlanActions } from "@/components/people/plan-actions";
import { PlanTargetForm } from "@/components/people/plan-target-form";
import { authorisePage } from "@/lib/auth/authorise";
import { pageMetadata } from "@/lib/auth/page-metadata";
import { requestPageTitle } from "@/lib/services/request-lookup";
import { listCsmsJobRoles } from "@/lib/data/people";
import { describeFix, describePlan } from "@/lib/domain/fix";
import { parseOdsCode } from "@/lib/domain/ods";
import { formatSmartcardId } from "@/lib/domain/smartcard";
import { verdictHeadline } from "@/lib/domain/verdict-text";
import { ConsoleError } from "@/lib/errors";
import { loadRequest } from "@/lib/services/requests";
import { requestStatusNames } from "@/lib/validations/request";

type Props = { params: Promise<{ requestId: string }>; searchParams: Promise<{ for?: string | string[] }> };

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const { requestId } = await params;
  return pageMetadata({ kind: "request:inbox" }, "Request", (actor) => requestPageTitle(actor, requestId));
}

export default async function RequestPage({ params, searchParams }: Props) {
  const { requestId } = await params;
  const actor = await authorisePage({ kind: "request:inbox" }, `/requests/${encodeURIComponent(requestId)}`);
  const wanted = (await searchParams).for;
  const picked = typeof wanted === "string" ? parseOdsCode(wanted) : null;
  const view = await loadRequest(requestId, actor, picked?.ok ? picked.value.code : null).catch((error: unknown) => {
    if (error instanceof ConsoleError && error.code === "not_found") notFound();
    if (error instanceof ConsoleError && error.code === "forbidden") forbidden();
    throw error;
  });
  const { request, triage, profile, plan, diagnosis, applied, reply, colleagues, canChangeRequest, rights, asked, confirmation, unrouted, next, emails, splittable } = view;
  const catalogue = profile ? await listCsmsJobRoles() : [];
  const orgName = (ods: string) => profile?.positions.find((p) => p.odsCode === ods)?.orgName ?? ods;
  const roleName = (code: string) => catalogue.find((r) => r.code === code)?.name ?? code;

  return (
    <FlashProvider>
      <nav aria-label="Requests" className="mb-4 flex flex-wrap justify-between gap-3">
        <Link href="/requests">Back to requests</Link>
        {next ? (
          <Link href={`/requests/${next.id}`} data-testid="next-request">Next request ({next.reference})</Link>
        ) : (
          <span>No other open requests waiting</span>
        )}
      </nav>
      <h1 className="mb-2 text-3xl font-bold">Request {request.reference}</h1>
      <p className="mb-6 flex flex-wrap items-center gap-3">
        <span>{requestStatusNames[request.status as keyof typeof requestStatusNames]}</span>
        <SlaBadge createdAt={request.createdAt} status={request.status} now={new Date()} pausedSeconds={request.slaPausedSeconds} />
        <span>{categoryNames[triage.category]}</span>
        <span>{request.assignedTo ? `Assigned to ${request.assignedTo.name}` : "Not assigned"}</span>
      </p>
      {unrouted && (
        <p className="mb-6 border-l-8 border-nhs-warm-yellow bg-white p-3" data-testid="unrouted-notice">
          No RA officer in this console acts for {request.odsCode}. The requester was told an RA manager would route it. Move it to an
          organisation the console covers, deal with it, or reject it with directions to their own Registration Authority.
        </p>
      )}
      {(request.parent || request.children.length > 0) && (
        <p className="mb-6" data-testid="linked-requests">
          {request.parent && (
            <>Split from <Link href={`/requests/${request.parent.id}`}>{request.parent.reference}</Link>. </>
          )}
          {request.children.length > 0 && (
            <>
              Split into:{" "}
              {request.children.map((c, i) => (
                <span key={c.id}>
                  {i > 0 && ", "}
                  <Link href={`/requests/${c.id}`}>{c.reference}</Link> ({c.smartcardId ? formatSmartcardId(c.smartcardId) : "no ID"})
                </span>
              ))}
              .
            </>
          )}
        </p>
      )}
      {!view.smartcardId && canChangeRequest && <AttachSmartcardForm key={`attach-${request.version}`} request={{ id: request.id, version: request.version }} />}
      {splittable.length > 0 && canChangeRequest && <SplitForm key={`split-${request.version}`} request={{ id: request.id, version: request.version }} smartcardIds={splittable} />}
      {profile && (
        <IdentityPanel
          key={`identity-${request.version}`}
          request={{ id: request.id, version: request.version }}
          identity={diagnosis.identity}
          confirmation={confirmation}
          canChange={canChangeRequest}
        />
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <section className="card" aria-labelledby="original-heading">
          <h2 id="original-heading" className="mb-2 text-xl font-bold">What they sent</h2>
          <p className="mb-2">
            From {request.name} (<a href={`mailto:${request.email}?subject=${encodeURIComponent(`Your CSMS access request ${request.reference}`)}`}>{request.email}</a>) {request.source === "email" ? "by email, added by an RA officer" : "through the help form"}, received{" "}
            <UkDateTime at={request.createdAt} />. Organisation: {request.odsCode ?? "not given"}. Smartcard ID given:{" "}
            {request.smartcardId ? formatSmartcardId(request.smartcardId) : "none"}.
          </p>
          <OtherOrganisations organisations={view.otherOrganisations} />
          <HighlightedText text={request.message} spans={triage.spans} />
          {canChangeRequest && (
            <div className="mt-4 border-t border-nhs-border pt-4">
              <AttachOdsForm key={`ods-${request.version}`} request={{ id: request.id, version: request.version, odsCode: request.odsCode }} />
            </div>
          )}
        </section>
        <div>
          <DiagnosisPanel diagnosis={diagnosis} />
          {profile && (
            <section className="card" aria-labelledby="profile-heading">
              <h2 id="profile-heading" className="mb-1 text-xl font-bold">
                <Link href={`/people/${profile.smartcardId}`}>{profile.name}</Link> ({formatSmartcardId(profile.smartcardId)})
              </h2>
              <p className="font-bold" data-testid="verdict-headline">{verdictHeadline(profile.verdict, roleName, orgName)}</p>
            </section>
          )}
        </div>
      </div>
      {profile && plan && (
        <section className="card" aria-labelledby="suggested-heading">
          <h2 id="suggested-heading" className="mb-3 text-xl font-bold">Suggested actions</h2>
          {!request.odsCode && <PlanTargetForm positions={profile.positions} plan={plan} />}
          <p className="mb-3" data-testid="fix-plan">{describePlan(plan, orgName)}</p>
          {plan.actions.length > 0 &&
            (diagnosis.oneClick ? (
              <PlanActions
                actions={plan.actions}
                smartcardId={profile.smartcardId}
                version={profile.version}
                rights={rights}
                orgName={orgName}
                idPrefix="suggested-"
                applyLabel="Apply"
                reasonLead={`Request ${request.reference}`}
                requestId={request.id}
                asked={asked}
              />
            ) : (
              <>
                <ul className="mb-3 list-disc pl-6">
                  {plan.actions.map((action) => (
                    <li key={`${action.kind}-${action.odsCode}`}>{describeFix(action, orgName(action.odsCode))}</li>
                  ))}
                </ul>
                <p className="font-bold" data-testid="fix-blocked">Confirm the requester&apos;s identity above before making these changes, or reject the request.</p>
              </>
            ))}
        </section>
      )}
      {profile && <PositionsTable profile={profile} rights={rights} requestId={request.id} asked={asked} />}
      {profile && rights.roles.length > 0 && (
        <AddRolePanel
          profile={profile}
          catalogue={catalogue}
          changeable={rights.roles}
          requestId={request.id}
          needsRoleAt={plan?.actions.find((a) => a.kind === "add_role")?.odsCode}
        />
      )}
      <RequestActions
        key={`${request.version}-${applied.length}`}
        request={{ id: request.id, version: request.version, status: request.status, assignedToId: request.assignedToId }}
        me={actor.id}
        colleagues={colleagues}
        draftReply={request.reply ?? reply}
        canChange={canChangeRequest}
      />
      <RequestConversation requestId={request.id} notes={request.notes} emails={emails} canChange={canChangeRequest} />
      <section className="card" aria-labelledby="request-history-heading">
        <h2 id="request-history-heading" className="mb-3 text-xl font-bold">History of this request</h2>
        <EventsTable events={[...applied].reverse()} caption="Changes linked to this request, newest first" references={{ [request.id]: request.reference }} />
      </section>
    </FlashProvider>
  );
}
