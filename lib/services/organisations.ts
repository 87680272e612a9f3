import "server-only";
import { searchOrganisations } from "@/lib/data/organisations";
import { badInput } from "@/lib/errors";

export async function suggestOrganisations(query: string) {
  const q = query.trim();
  if (q.length > 120) throw badInput("Search with 120 characters or fewer.", { q: "Search with 120 characters or fewer" });
  if (q.length < 2) return [];
  return searchOrganisations(q);
}
