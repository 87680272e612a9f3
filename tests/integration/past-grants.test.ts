import { describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { findPastGrants } from "@/lib/data/people";
import { changePerson } from "@/lib/services/person-changes";
import { demoPeople } from "@/prisma/seed/demo";
import { signInAs } from "./support/session";

const personId = async (smartcardId: string) => (await db.person.findUniqueOrThrow({ where: { smartcardId } })).id;

describe("ended grants stay visible", () => {
  it("shows grants the seed ended", async () => {
    const grants = await findPastGrants(await personId(demoPeople.noWorkgroupEnded));
    expect(grants.some((g) => g.kind === "workgroup" && g.endedAt instanceof Date && g.grantReason.length > 0)).toBe(true);
  });

  it("shows a role removed in the console, with who ended it and why, newest first", async () => {
    await signInAs("agent@ra.example");
    const smartcardId = demoPeople.canLogInTwoRoles;
    const version = (await db.person.findUniqueOrThrow({ where: { smartcardId } })).version;
    await changePerson("role.remove", { smartcardId, odsCode: "A81002", roleCode: "R0620", reason: "Left the nursing post", version });
    const [latest] = await findPastGrants(await personId(smartcardId));
    expect(latest).toMatchObject({ kind: "role", roleCode: "R0620", odsCode: "A81002", endedBy: "Alex Agent", endReason: "Left the nursing post" });
    // Ended, not deleted: the row is still there.
    expect(await db.roleAssignment.count({ where: { roleCode: "R0620", position: { person: { smartcardId } } } })).toBeGreaterThan(0);
  });

  it("is empty for someone whose grants never ended", async () => {
    expect(await findPastGrants(await personId(demoPeople.canLogIn))).toEqual([]);
  });
});
