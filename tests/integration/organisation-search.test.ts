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

  it("gives town and postcode, so two practices with one name can be told apart", async () => {
    const found = await searchOrganisations("Queens Park Health Centre");
    expect(found.filter((o) => o.name === "Queens Park Health Centre")).toEqual([
      { odsCode: "E81021", name: "Queens Park Health Centre", town: "Bedford", postcode: "MK40 4HR" },
      { odsCode: "E87755", name: "Queens Park Health Centre", town: "Kensal Green", postcode: "W10 4LY" },
    ]);
  });
});
