// Organisation search ignores case on both backends (PostgreSQL's LIKE would not by itself).
import { describe, expect, it } from "vitest";
import { searchOrganisations } from "@/lib/data/organisations";

describe("searchOrganisations", () => {
  it("finds the same organisations whatever the case of the words typed", async () => {
    const upper = await searchOrganisations("LANCING");
    expect(upper.length).toBeGreaterThan(0);
    expect(await searchOrganisations("lancing")).toEqual(upper);
    expect(await searchOrganisations("Lancing")).toEqual(upper);
  });
});
