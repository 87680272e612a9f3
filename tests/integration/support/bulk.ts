// Builds bulk files from the seeded demo people: every row a change the console can make without a warning or
// a second person, worked out with the IG guard on each person's facts as the earlier rows leave them.
import { db } from "@/lib/data/db";
import { findPersonProfile } from "@/lib/data/people";
import { igWarnings } from "@/lib/domain/ig-guard";
import type { VerdictInput } from "@/lib/domain/verdict";
import * as bulkRoute from "@/app/api/v1/bulk/route";
import { buildRequest, type ApiResult } from "./api";

export const BULK_HEADER = "smartcard_id,ods_code,action,role,reason,end_date";

export type Line = [smartcardId: string, odsCode: string, action: string, role: string, reason: string, endDate?: string];
export const csvOf = (lines: Line[]) => [BULK_HEADER, ...lines.map((l) => [...l.slice(0, 5), l[5] ?? ""].join(","))].join("\r\n") + "\r\n";

/** Role additions (then the workgroup) at every position of these people that is not ready yet, in a fixed order. */
export async function goodLines(smartcardIds: string[]): Promise<Line[]> {
  const catalogue = (await db.jobRole.findMany({ where: { csmsAccess: true }, orderBy: { code: "asc" }, select: { code: true } })).map((r) => r.code);
  const csms = new Set(catalogue);
  const lines: Line[] = [];
  for (const id of smartcardIds) {
    const profile = await findPersonProfile(id);
    if (!profile) throw new Error(`demo person ${id} is missing`);
    let facts: VerdictInput = { ...profile.verdictInput, isCsmsRole: (code) => csms.has(code) };
    for (const position of profile.positions) {
      const grants = [...catalogue.map((code) => ({ kind: "add_role" as const, odsCode: position.odsCode, roleCode: code })), { kind: "add_workgroup" as const, odsCode: position.odsCode }];
      for (const grant of grants) {
        const here = facts.positions.find((p) => p.odsCode === position.odsCode)!;
        const held = grant.kind === "add_role" ? here.roles.includes(grant.roleCode) : here.cervicalScreeningWorkgroup;
        if (held || igWarnings(facts, grant).length > 0) continue;
        lines.push([id, position.odsCode, "add", grant.kind === "add_role" ? grant.roleCode : "cervicalscreening", "PCN onboarding"]);
        facts = {
          ...facts,
          positions: facts.positions.map((p) =>
            p.odsCode !== grant.odsCode ? p : grant.kind === "add_role" ? { ...p, roles: [...p.roles, grant.roleCode] } : { ...p, cervicalScreeningWorkgroup: true },
          ),
        };
      }
    }
  }
  return lines;
}

export async function postBulk(csv: string, dryRun: boolean | string, headers: Record<string, string> = {}): Promise<ApiResult & { text: string }> {
  const request = buildRequest("POST", `/api/v1/bulk?dryRun=${dryRun}`, undefined, { rawBody: csv, headers: { "content-type": "text/csv", ...headers } });
  const response = await bulkRoute.POST(request, { params: Promise.resolve({}) });
  const text = await response.text();
  const json = (response.headers.get("content-type") ?? "").includes("json");
  return { status: response.status, body: json && text ? JSON.parse(text) : null, text, contentType: response.headers.get("content-type") };
}
