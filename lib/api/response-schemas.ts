// The JSON the v1 routes answer with, as zod schemas: the OpenAPI document is generated from these and from the
// request schemas in lib/validations, and the integration test checks real answers against the document.
// Objects are open (looseObject): the contract adds fields over time, and an addition never breaks a client.
import { z } from "zod";
import type { ErrorCode } from "@/lib/errors";
import type { RefusalCode } from "@/lib/http/refusal";
import type { CsmsError } from "@/lib/domain/verdict";

const isoInstant = z.iso.datetime({ offset: true });
const ukDay = z.iso.date().describe("A UK calendar day, YYYY-MM-DD");
const smartcardId = z.string().regex(/^\d{12}$/).describe("12 digits, no spaces");
const odsCode = z.string().regex(/^[A-Z0-9]{3,10}$/);
const roleCode = z.string().regex(/^R\d{4}$/);

// A Record, so a new error code fails the type check until it is documented here. The last two come from the
// proxy (lib/http/refusal.ts), before any route runs.
type Code = ErrorCode | RefusalCode;
const errorCodes: Record<Code, true> = {
  bad_input: true,
  not_signed_in: true,
  forbidden: true,
  not_found: true,
  version_conflict: true,
  already_exists: true,
  ig_warning: true,
  identity_unconfirmed: true,
  rate_limited: true,
  server_error: true,
  method_not_allowed: true,
  too_large: true,
};

export const ErrorResponse = z
  .object({
    error: z.looseObject({
      code: z.enum(Object.keys(errorCodes) as [Code, ...Code[]]),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().describe("One message per input field to fix"),
      warnings: z.array(z.string()).optional().describe("ig_warning: what the grant gives that the verdict shows is not needed"),
    }),
  });

const Grant = z.looseObject({
  kind: z.enum(["role", "workgroup"]),
  code: z.string().describe("The role code, or cervicalscreening"),
  startedAt: isoInstant,
  endDate: ukDay.nullable(),
  reviewDue: ukDay,
});

const csmsErrors: Record<CsmsError, true> = { no_valid_role: true, no_workgroup: true };

const Verdict = z.looseObject({
  canLogIn: z.boolean(),
  error: z.enum(Object.keys(csmsErrors) as [CsmsError, ...CsmsError[]]).nullable(),
  selectable: z.array(z.looseObject({ odsCode, roleCode })),
  coveredOdsCodes: z.array(odsCode),
});

export const PersonResponse = z
  .looseObject({
    smartcardId,
    name: z.string(),
    version: z.int().positive().describe("Send it back with a change: a change to an older version is 409 version_conflict"),
    positions: z.array(
      z.looseObject({
        odsCode,
        orgName: z.string(),
        roles: z.array(roleCode),
        cervicalScreeningWorkgroup: z.boolean(),
        grants: z.array(Grant),
      }),
    ),
    verdict: Verdict,
  });

export const PendingChangeResponse = z
  .looseObject({ pendingChangeId: z.uuid(), message: z.string() })
  .describe("The change waits for a second person (GET /api/v1/approvals)");

export const ApprovalDecisionResponse = z.looseObject({ message: z.string(), person: PersonResponse });
export const RejectionResponse = z.looseObject({ message: z.string() });

export const ApprovalsResponse = z.looseObject({
  approvals: z.array(
    z.looseObject({
      id: z.uuid(),
      kind: z.enum(["role.add", "role.remove", "workgroup.add", "workgroup.remove"]),
      smartcardId,
      odsCode,
      roleCode: roleCode.nullable(),
      reason: z.string(),
      requestId: z.string().nullable(),
      endDate: ukDay.nullable(),
      justification: z.string().nullable(),
      why: z.array(z.string()),
      proposedBy: z.string(),
      createdAt: isoInstant,
      expiresAt: isoInstant.nullable(),
      personVersion: z.int(),
      canDecide: z.boolean(),
    }),
  ),
});

export const ReviewsResponse = z.looseObject({
  reviews: z.array(
    z.looseObject({
      kind: z.enum(["role", "workgroup"]),
      smartcardId,
      name: z.string(),
      odsCode,
      code: z.string(),
      startedAt: isoInstant,
      endDate: ukDay.nullable(),
      lastReviewedAt: isoInstant,
      reason: z.string().nullable(),
      dueOn: ukDay,
      version: z.int(),
    }),
  ),
});

export const AuditEvent = z
  .looseObject({
    id: z.int().positive(),
    occurredAt: isoInstant,
    actorId: z.int().nullable(),
    actorEmail: z.string(),
    actorName: z.string().nullable(),
    action: z.string(),
    personId: z.int().nullable(),
    smartcardId: smartcardId.nullable(),
    personName: z.string().nullable(),
    odsCode: z.string().nullable(),
    orgName: z.string().nullable(),
    roleCode: z.string().nullable(),
    roleName: z.string().nullable(),
    before: z.string().nullable().describe("JSON text of what was there before"),
    after: z.string().nullable().describe("JSON text of what is there after"),
    reason: z.string().nullable(),
    requestId: z.string().nullable(),
  });

export const AuditListResponse = z.looseObject({
  events: z.array(AuditEvent),
  nextCursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last"),
});

const check = z.looseObject({ ok: z.boolean(), problem: z.string().nullable() });
export const AuditVerifyResponse = z.looseObject({
  ok: z.boolean(),
  checked: z.int().nonnegative(),
  firstBadEventId: z.union([z.string(), z.int()]).nullable(),
  problem: z.string().nullable(),
  chain: check,
  checkpoints: check,
  accessLog: check,
  state: check,
  warnings: z.array(z.string()),
});

export const OrganisationSuggestionsResponse = z.looseObject({
  organisations: z.array(z.looseObject({ odsCode, name: z.string(), town: z.string().nullable(), postcode: z.string().nullable() })),
});

export const OrganisationResponse = z
  .looseObject({
    odsCode,
    name: z.string(),
    kind: z.string(),
    closedAt: isoInstant.nullable(),
    groups: z.array(z.looseObject({ odsCode, name: z.string() })),
    cervicalScreeningWorkgroup: z.looseObject({ createdAt: isoInstant, createdBy: z.string().nullable() }).nullable(),
  });

export const RequestCreatedResponse = z.looseObject({ id: z.uuid(), status: z.literal("new"), reference: z.string().regex(/^CSMS-[0-9A-Z]{8}$/) });

export const RequestResponse = z.looseObject({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(["new", "in_progress", "waiting", "resolved", "rejected"]),
  source: z.string(),
  createdAt: isoInstant,
  name: z.string(),
  email: z.string(),
  odsCode: z.string().nullable(),
  smartcardId: smartcardId.nullable(),
  message: z.string(),
  category: z.string(),
  assignedTo: z.string().nullable(),
  parsedSmartcardIds: z.array(smartcardId),
  parsedOdsCodes: z.array(z.string()),
  otherOdsCodes: z.array(z.string()),
  identity: z.looseObject({ state: z.enum(["match", "mismatch", "no_profile_email", "no_profile"]), fields: z.array(z.string()) }),
  diagnosis: z.looseObject({ summary: z.string() }),
  suggestedActions: z.array(z.looseObject({ kind: z.string() })),
  verdict: Verdict.nullable(),
});

const VerdictSummary = Verdict.nullable().describe("The person's verdict (null when the row names no known person)");
export const BulkResponse = z.looseObject({
  batchId: z.uuid().optional().describe("Only when applied: links the rows' audit events"),
  rows: z.array(
    z.looseObject({
      line: z.int().positive(),
      status: z.enum(["change", "applied", "no_change", "warning", "needs_approval", "error"]),
      problems: z.array(z.string()),
      before: VerdictSummary,
      after: VerdictSummary,
    }),
  ),
});
