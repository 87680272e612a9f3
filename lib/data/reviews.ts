import "server-only";
import { addDays, addMonths } from "date-fns";
import { db } from "./db";
import { ENDING_SOON_DAYS, REVIEW_EVERY_MONTHS, reviewDue, reviewDueOn, type ReviewReason } from "@/lib/domain/grant-dates";

export type DueGrant = {
  kind: "role" | "workgroup";
  smartcardId: string;
  personName: string;
  version: number;
  odsCode: string;
  orgName: string;
  roleCode: string | null;
  roleName: string | null;
  startedAt: Date;
  endsAt: Date | null;
  reviewedAt: Date;
  reason: ReviewReason;
  // When it fell (or falls) due: 14 days before its end, or a year after its last review.
  dueAt: Date;
};

const LIMIT = 500;
// Read more than is shown: ending-soon grants may be recently reviewed, so they sort late by review date.
const FETCH = 4 * LIMIT;
const orderBy = [{ reviewedAt: "asc" as const }, { startedAt: "asc" as const }, { id: "asc" as const }];

/**
 * Live grants at the given organisations that are due for review: ending within 14 days, or not granted
 * or re-certified for 12 months. Oldest due first, so the longest-overdue are worked first.
 */
export async function listDueGrants(odsCodes: string[], now: Date, odsCode?: string): Promise<DueGrant[]> {
  const soon = addDays(now, ENDING_SOON_DAYS);
  const yearAgo = addMonths(now, -REVIEW_EVERY_MONTHS);
  const orgs = odsCode ? odsCodes.filter((c) => c === odsCode) : odsCodes;
  const where = {
    endedAt: null,
    position: { organisation: { odsCode: { in: orgs } } },
    AND: [
      { OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
      { OR: [{ endsAt: { gt: now, lte: soon } }, { reviewedAt: { lte: yearAgo } }, { reviewedAt: null, startedAt: { lte: yearAgo } }] },
    ],
  };
  const position = { select: { person: { select: { smartcardId: true, name: true, version: true } }, organisation: { select: { odsCode: true, name: true } } } };
  const [roles, workgroups] = await Promise.all([
    // Only CSMS job roles are reviewed here; the longest-unreviewed come first so the cap never drops them.
    db.roleAssignment.findMany({ where: { ...where, jobRole: { csmsAccess: true } }, include: { position, jobRole: { select: { name: true } } }, orderBy, take: FETCH }),
    db.workgroupMembership.findMany({ where: { ...where, workgroup: "cervicalscreening" }, include: { position }, orderBy, take: FETCH }),
  ]);
  const rows: DueGrant[] = [];
  const add = (kind: DueGrant["kind"], g: (typeof roles)[number] | (typeof workgroups)[number], role: { code: string; name: string } | null) => {
    const reviewedAt = g.reviewedAt ?? g.startedAt;
    const reason = reviewDue({ endsAt: g.endsAt, reviewedAt }, now);
    if (!reason) return;
    rows.push({
      kind,
      smartcardId: g.position.person.smartcardId,
      personName: g.position.person.name,
      version: g.position.person.version,
      odsCode: g.position.organisation.odsCode,
      orgName: g.position.organisation.name,
      roleCode: role?.code ?? null,
      roleName: role?.name ?? null,
      startedAt: g.startedAt,
      endsAt: g.endsAt,
      reviewedAt,
      reason,
      dueAt: reviewDueOn({ endsAt: g.endsAt, reviewedAt }),
    });
  };
  for (const r of roles) add("role", r, { code: r.roleCode, name: r.jobRole.name });
  for (const w of workgroups) add("workgroup", w, null);
  return rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.smartcardId.localeCompare(b.smartcardId)).slice(0, LIMIT);
}
