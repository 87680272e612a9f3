import "server-only";
import { assertAllowed, authorise } from "@/lib/auth/authorise";
import { decide, type ConsoleActor } from "@/lib/auth/rules";
import { createOrganisationWorkgroup, findOrganisationDetail, organisationJson } from "@/lib/data/organisation-workgroups";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validations/parse";
import { CreateOrganisationWorkgroupSchema } from "@/lib/validations/organisation";
import { parseOdsCode } from "@/lib/domain/ods";

/** An RA manager or advanced RA agent acting for the organisation creates its workgroup (audited, once). */
export async function createWorkgroupAtOrganisation(input: unknown) {
  // Signed in and able to change anything first: an auditor learns nothing from input errors.
  const actor = await authorise({ kind: "person:change-any" });
  const { odsCode, reason } = parseInput(CreateOrganisationWorkgroupSchema, input);
  if (!(await findOrganisationDetail(odsCode))) throw notFound(`No organisation with ODS code ${odsCode} is known to the console.`);
  await assertAllowed(actor, { kind: "organisation:create-workgroup", odsCode });
  const organisation = organisationJson(await createOrganisationWorkgroup(actor, { odsCode, reason }));
  return { organisation, message: `cervicalscreening workgroup created at ${organisation.odsCode} (${organisation.name}).` };
}

/** The organisation page: what it is, its groups, its workgroup, and whether this officer may create it. */
export async function organisationPage(actor: ConsoleActor, rawOdsCode: string) {
  const code = parseOdsCode(rawOdsCode);
  const detail = code.ok ? await findOrganisationDetail(code.value.code) : null;
  if (!detail) return null;
  return {
    organisation: organisationJson(detail),
    canCreateWorkgroup: !detail.workgroupCreatedAt && !detail.closedAt && decide(actor, { kind: "organisation:create-workgroup", odsCode: detail.odsCode }).allowed,
  };
}
