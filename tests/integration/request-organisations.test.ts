// A requester who works at several organisations names each one: the first routes the request, the others are
// kept on it for the RA (request JSON and page), each resolved and checked to exist; the v1 body still works.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { suggestedSupportText } from "@/lib/domain/request-text";
import { submitRequestForm } from "@/lib/services/requests";
import { DENSHAM, QUEENS_PARK } from "@/prisma/seed/demo";
import { signInAs, signOut } from "./support/session";
import { failure, getRequest, postRequest, requester, requestWrites, suggestedText } from "./support/requests-api";

afterEach(() => signOut());

describe("the help form with several organisations", () => {
  it("stores the others in the order given, without the routing one or repeats, and the RA sees them", async () => {
    const { id } = await submitRequestForm(
      {
        ...requester("multi"),
        organisation: DENSHAM.odsCode,
        // By code, lower case, by its unique name, a repeat, and the routing one again.
        otherOrganisations: [{ organisation: "e81021" }, { organisation: QUEENS_PARK.name }, { organisation: "E81021" }, { organisation: DENSHAM.odsCode }],
        message: suggestedText("5555 0000 0002"),
      },
      "198.51.100.40",
    );
    const row = await db.accessRequest.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ odsCode: DENSHAM.odsCode, otherOdsCodes: `E81021 ${QUEENS_PARK.odsCode}` });

    await signInAs("agent@ra.example");
    const { status, body } = await getRequest(id);
    expect(status).toBe(200);
    expect(body.odsCode).toBe(DENSHAM.odsCode);
    expect(body.otherOdsCodes).toEqual(["E81021", QUEENS_PARK.odsCode]);
    const created = await db.auditEvent.findFirstOrThrow({ where: { requestId: id, action: "request.created" } });
    expect(JSON.parse(created.after!)).toMatchObject({ otherOdsCodes: ["E81021", QUEENS_PARK.odsCode] });
  });

  it("refuses an organisation that does not exist, or a name shared by two, naming its box; nothing written", async () => {
    const before = await requestWrites();
    const form = { ...requester("multi-bad"), organisation: DENSHAM.odsCode, message: suggestedText("5555 0000 0002") };
    const unknown = await failure(submitRequestForm({ ...form, otherOrganisations: [{ organisation: QUEENS_PARK.odsCode }, { organisation: "Z99999" }] }, "198.51.100.41"));
    expect(unknown).toMatchObject({ status: 400, fields: { "otherOrganisations.1.organisation": expect.stringMatching(/could not find that organisation/) } });
    const shared = await failure(submitRequestForm({ ...form, otherOrganisations: [{ organisation: "Queens Park Health Centre" }] }, "198.51.100.41"));
    expect(shared).toMatchObject({ status: 400, fields: { "otherOrganisations.0.organisation": expect.stringMatching(/enter its ODS code/) } });
    expect(await requestWrites()).toEqual(before);
  });

  it("refuses the untouched placeholder without a smartcard ID; nothing written", async () => {
    const before = await requestWrites();
    const refused = await failure(submitRequestForm({ ...requester("placeholder"), organisation: DENSHAM.odsCode, message: suggestedSupportText() }, "198.51.100.42"));
    expect(refused).toMatchObject({ status: 400, fields: { message: expect.stringMatching(/12-digit smartcard ID/) } });
    expect(await requestWrites()).toEqual(before);
  });
});

describe("POST /api/v1/requests and otherOdsCodes", () => {
  it("a version 1 body (no otherOdsCodes) still answers 201, and the request has no others", async () => {
    const { status, body } = await postRequest({ ...requester("v1"), odsCode: DENSHAM.odsCode, message: suggestedText("5555 0000 0002") }, "198.51.100.43");
    expect(status).toBe(201);
    expect(body).toStrictEqual({ id: expect.any(String), status: "new", reference: expect.any(String) });
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: body.id } })).otherOdsCodes).toBeNull();
    await signInAs("agent@ra.example");
    expect((await getRequest(body.id)).body.otherOdsCodes).toEqual([]);
  });

  it("stores otherOdsCodes, and answers 400 naming the one that does not exist", async () => {
    const ok = await postRequest({ ...requester("v1-multi"), odsCode: DENSHAM.odsCode, otherOdsCodes: ["a81002"], message: suggestedText("5555 0000 0002") }, "198.51.100.44");
    expect(ok.status).toBe(201);
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: ok.body.id } })).otherOdsCodes).toBe(QUEENS_PARK.odsCode);

    const bad = await postRequest({ ...requester("v1-bad"), odsCode: DENSHAM.odsCode, otherOdsCodes: ["Z99999"], message: suggestedText("5555 0000 0002") }, "198.51.100.44");
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty(["otherOdsCodes.0"]);
  });

  it("answers 400 on the untouched placeholder without a smartcard ID", async () => {
    const { status, body } = await postRequest({ ...requester("v1-placeholder"), odsCode: DENSHAM.odsCode, message: suggestedSupportText() }, "198.51.100.45");
    expect(status).toBe(400);
    expect(Object.keys(body.error.fields)).toEqual(["message"]);
  });
});
