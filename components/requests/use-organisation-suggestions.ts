"use client";

import { useEffect, useState } from "react";

export type OrganisationSuggestion = { odsCode: string; name: string; town: string | null; postcode: string | null };

/** "Queens Park Health Centre, Bedford, MK40 4HR": names repeat across England, town and postcode tell them apart. */
export const suggestionLabel = (s: OrganisationSuggestion) => [s.name, s.town, s.postcode].filter(Boolean).join(", ");

/** Organisations matching what was last typed in any organisation box (one look-up per pause in typing). */
export function useOrganisationSuggestions(query: string): OrganisationSuggestion[] {
  const [suggestions, setSuggestions] = useState<OrganisationSuggestion[]>([]);
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/v1/organisations?q=${encodeURIComponent(q)}`, { signal: controller.signal })
        .then((r) => (r.ok ? r.json() : { organisations: [] }))
        .then((body: { organisations: OrganisationSuggestion[] }) => setSuggestions(body.organisations))
        .catch(() => undefined);
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);
  return suggestions;
}
