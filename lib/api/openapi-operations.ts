// Every operation of API v1: its inputs are the zod schemas the routes parse with (lib/validations), its answers
// the schemas in ./response-schemas. lib/api/openapi.ts turns this table into the OpenAPI document; a route
// added under app/api/v1 without a line here fails tests/integration/openapi.test.ts.
import { z } from "zod";
import { AuditFilterSchema } from "@/lib/validations/audit";
import { BulkQuerySchema } from "@/lib/validations/bulk";
import { odsCodeField, roleCodeField, smartcardIdField } from "@/lib/validations/fields";
import { CreateOrganisationWorkgroupSchema } from "@/lib/validations/organisation";
import { AddRoleSchema, AddWorkgroupSchema, DecideChangeSchema, RemoveRoleSchema, RemoveWorkgroupSchema } from "@/lib/validations/person";
import { RequestApiSchema } from "@/lib/validations/request";
import * as R from "./response-schemas";

export type Access = "public" | "signed-in";
/** `csvToo`: with `Accept: text/csv` the same answer comes as a CSV file instead. */
export type Answer = { description: string; schema?: z.ZodType; mediaType?: string; csvToo?: boolean };
export type Operation = {
  path: string;
  method: "get" | "post" | "delete";
  summary: string;
  access: Access;
  /** Who may call it, in words (RA roles and scope). */
  who: string;
  pathParams?: Record<string, { schema: z.ZodType; description: string }>;
  query?: z.ZodType;
  /** The JSON body: the route's schema, less what the path carries (`omit`), plus fields it requires (`require`). */
  body?: { schema: z.ZodType; omit?: string[]; require?: string[] } | { csv: true };
  answers: Record<number, Answer>;
};

const smartcardIdParam = { schema: smartcardIdField, description: "Smartcard ID: 12 digits, spaces or dashes between them allowed" };
const odsCodeParam = { schema: odsCodeField, description: "ODS code of the organisation" };
const uuidParam = (what: string) => ({ schema: z.uuid(), description: what });

const denied = {
  401: { description: "Not signed in (not_signed_in)" },
  403: { description: "The console role or the organisations it acts for do not allow this (forbidden); also any cross-site write" },
};
const badInput = { 400: { description: "Bad input (bad_input); fields names each field to fix. Nothing was written." } };
const notFound = { 404: { description: "Not found (not_found)" } };
const conflict = (what: string) => ({ 409: { description: what } });
const changeConflicts = conflict(
  "version_conflict (the profile changed: reload), ig_warning (repeat with acknowledgeWarning and justification; warnings lists why), identity_unconfirmed, or already_exists",
);
const changed = {
  200: { description: "Changed: the updated person; exactly one audit event was written", schema: R.PersonResponse },
  202: { description: "Needs a second person: proposed, not applied", schema: R.PendingChangeResponse },
};
const changer = "RA agents (job roles), advanced RA agents and RA managers, for organisations they act for; never on their own profile";

export const operations: Operation[] = [
  {
    path: "/api/v1/people/{smartcardId}",
    method: "get",
    summary: "A person's positions, grants and CSMS verdict",
    access: "signed-in",
    who: "Any console user",
    pathParams: { smartcardId: smartcardIdParam },
    answers: { 200: { description: "The person", schema: R.PersonResponse }, ...badInput, ...denied, ...notFound },
  },
  {
    path: "/api/v1/people/{smartcardId}/roles",
    method: "post",
    summary: "Give a person a job role at an organisation",
    access: "signed-in",
    who: changer,
    pathParams: { smartcardId: smartcardIdParam },
    body: { schema: AddRoleSchema, omit: ["smartcardId"] },
    answers: { ...changed, ...badInput, ...denied, ...notFound, ...changeConflicts },
  },
  {
    path: "/api/v1/people/{smartcardId}/roles/{odsCode}/{roleCode}",
    method: "delete",
    summary: "End a person's job role at an organisation",
    access: "signed-in",
    who: changer,
    pathParams: { smartcardId: smartcardIdParam, odsCode: odsCodeParam, roleCode: { schema: roleCodeField, description: "Job role code, R and 4 digits" } },
    body: { schema: RemoveRoleSchema, omit: ["smartcardId", "odsCode", "roleCode"] },
    answers: { ...changed, ...badInput, ...denied, ...notFound, ...changeConflicts },
  },
  {
    path: "/api/v1/people/{smartcardId}/workgroups",
    method: "post",
    summary: "Add a person to an organisation's cervicalscreening workgroup",
    access: "signed-in",
    who: "Advanced RA agents and RA managers, for organisations they act for",
    pathParams: { smartcardId: smartcardIdParam },
    body: { schema: AddWorkgroupSchema, omit: ["smartcardId"] },
    answers: { ...changed, ...badInput, ...denied, ...notFound, ...changeConflicts },
  },
  {
    path: "/api/v1/people/{smartcardId}/workgroups/{odsCode}",
    method: "delete",
    summary: "Remove a person from an organisation's cervicalscreening workgroup",
    access: "signed-in",
    who: "Advanced RA agents and RA managers, for organisations they act for",
    pathParams: { smartcardId: smartcardIdParam, odsCode: odsCodeParam },
    body: { schema: RemoveWorkgroupSchema, omit: ["smartcardId", "odsCode"] },
    answers: { ...changed, ...badInput, ...denied, ...notFound, ...changeConflicts },
  },
  {
    path: "/api/v1/requests",
    method: "post",
    summary: "Ask the registration authority for CSMS access (the public help form)",
    access: "public",
    who: "Anyone; limited per network address and per email",
    body: { schema: RequestApiSchema },
    answers: {
      201: { description: "Received", schema: R.RequestCreatedResponse },
      ...badInput,
      403: { description: "Cross-site request (forbidden)" },
      429: { description: "Too many requests from this address or email (rate_limited)" },
    },
  },
  {
    path: "/api/v1/requests/{requestId}",
    method: "get",
    summary: "One access help request, triaged, with its diagnosis and suggested actions",
    access: "signed-in",
    who: "RA agents, advanced RA agents and RA managers, for requests about their organisations",
    pathParams: { requestId: uuidParam("The request's id") },
    answers: { 200: { description: "The request", schema: R.RequestResponse }, ...badInput, ...denied, ...notFound },
  },
  {
    path: "/api/v1/audit",
    method: "get",
    summary: "The change log, newest first, a page at a time",
    access: "signed-in",
    who: "Auditors and RA managers",
    query: AuditFilterSchema,
    answers: { 200: { description: "A page of events", schema: R.AuditListResponse }, ...badInput, ...denied },
  },
  {
    path: "/api/v1/audit/export.csv",
    method: "get",
    summary: "The change log as CSV (same filters), streamed",
    access: "signed-in",
    who: "Auditors and RA managers",
    query: AuditFilterSchema,
    answers: { 200: { description: "CSV, one event a line after the header", mediaType: "text/csv" }, ...badInput, ...denied },
  },
  {
    path: "/api/v1/audit/export.jsonl",
    method: "get",
    summary: "The change log as JSON lines (same filters), streamed",
    access: "signed-in",
    who: "Auditors and RA managers",
    query: AuditFilterSchema,
    answers: { 200: { description: "One event (as in GET /api/v1/audit) per line", mediaType: "application/x-ndjson" }, ...badInput, ...denied },
  },
  {
    path: "/api/v1/audit/verify",
    method: "get",
    summary: "Check the change log's hash chain, checkpoints and the data it describes",
    access: "signed-in",
    who: "Auditors and RA managers",
    answers: { 200: { description: "What was checked, and the first bad event if any", schema: R.AuditVerifyResponse }, ...denied },
  },
  {
    path: "/api/v1/approvals",
    method: "get",
    summary: "Changes waiting for a second person",
    access: "signed-in",
    who: "Advanced RA agents and RA managers, for their organisations",
    answers: { 200: { description: "Pending changes", schema: R.ApprovalsResponse }, ...denied },
  },
  {
    path: "/api/v1/approvals/{pendingChangeId}/approve",
    method: "post",
    summary: "Approve a pending change: it is applied and audited",
    access: "signed-in",
    who: "Advanced RA agents and RA managers other than the proposer",
    pathParams: { pendingChangeId: uuidParam("The pending change's id") },
    body: { schema: DecideChangeSchema, omit: ["id", "decision"] },
    answers: {
      200: { description: "Applied: the person as now", schema: R.ApprovalDecisionResponse },
      ...badInput,
      ...denied,
      ...notFound,
      ...conflict("Already decided or expired, or the profile changed since it was proposed (version_conflict); ig_warning"),
    },
  },
  {
    path: "/api/v1/approvals/{pendingChangeId}/reject",
    method: "post",
    summary: "Reject a pending change, saying why",
    access: "signed-in",
    who: "Advanced RA agents and RA managers other than the proposer",
    pathParams: { pendingChangeId: uuidParam("The pending change's id") },
    body: { schema: DecideChangeSchema, omit: ["id", "decision", "acknowledgeWarning", "justification"], require: ["reason"] },
    answers: { 200: { description: "Rejected", schema: R.RejectionResponse }, ...badInput, ...denied, ...notFound, ...conflict("Already decided or expired") },
  },
  {
    path: "/api/v1/reviews",
    method: "get",
    summary: "Grants due for an access review",
    access: "signed-in",
    who: "Advanced RA agents and RA managers, for their organisations",
    query: z.object({ odsCode: odsCodeField.optional() }),
    answers: { 200: { description: "Grants due", schema: R.ReviewsResponse }, ...badInput, ...denied },
  },
  {
    path: "/api/v1/organisations",
    method: "get",
    summary: "Organisations whose ODS code or name matches (suggestions for the help form)",
    access: "public",
    who: "Anyone; limited per network address",
    query: z.object({ q: z.string().max(120).optional().describe("At least 2 characters; fewer return none") }),
    answers: {
      200: { description: "Up to 10 matches", schema: R.OrganisationSuggestionsResponse },
      ...badInput,
      429: { description: "Too many lookups from this address (rate_limited)" },
    },
  },
  {
    path: "/api/v1/organisations/{odsCode}/workgroup",
    method: "post",
    summary: "Create the organisation's cervicalscreening workgroup (audited)",
    access: "signed-in",
    who: "Advanced RA agents and RA managers acting for the organisation",
    pathParams: { odsCode: odsCodeParam },
    body: { schema: CreateOrganisationWorkgroupSchema, omit: ["odsCode"] },
    answers: {
      200: { description: "Created: the organisation", schema: R.OrganisationResponse },
      ...badInput,
      ...denied,
      ...notFound,
      ...conflict("The organisation has its workgroup already (already_exists)"),
    },
  },
  {
    path: "/api/v1/bulk",
    method: "post",
    summary: "Bulk role and workgroup changes from a CSV file: a dry run, or applied as one batch",
    access: "signed-in",
    who: "Advanced RA agents and RA managers; each row within their organisations",
    query: BulkQuerySchema,
    body: { csv: true },
    answers: {
      200: { description: "Every row's verdict before and after, and its problems (with Accept: text/csv, the annotated file)", schema: R.BulkResponse, csvToo: true },
      ...badInput,
      ...denied,
    },
  },
  {
    path: "/api/v1/openapi.json",
    method: "get",
    summary: "This document",
    access: "public",
    who: "Anyone: it describes the API, never its data",
    answers: { 200: { description: "OpenAPI 3.1", schema: z.looseObject({ openapi: z.string() }) } },
  },
];
