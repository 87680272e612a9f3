// What a newer ODS extract changes in the console's organisation table: pure, so the dry run and the apply
// work from the same answer and tests can check it exactly.

/** An organisation as the console holds it; `pcns` are the codes of the PCNs it belongs to (federations are not touched). */
export type HeldOrganisation = { odsCode: string; name: string; kind: string; closed: boolean; pcns: string[] };

/** A row of the extract (see prisma/seed/ods-data.ts): status A active, C closed, D dormant, P proposed. */
export type ExtractRow = { odsCode: string; name: string; kind: string; status: string; closeDate: string | null; line: number; town?: string | null; postcode?: string | null };

/** A PCN membership file: each PCN by name with its member practices (codes and names), entries numbered from 1. */
export type PcnFileGroup = { name: string; practices: { odsCode: string; name: string; entry: number }[] };

export type OdsDiff = {
  // New PCNs (named in the membership file, unknown here) get the next free local code U9xxxx.
  newGroups: { odsCode: string; name: string }[];
  created: { odsCode: string; name: string; kind: string; line: number; file: "extract" | "pcn"; town?: string | null; postcode?: string | null }[];
  renamed: { odsCode: string; from: string; to: string; line: number }[];
  closed: { odsCode: string; name: string; closedOn: string | null; line: number }[];
  reopened: { odsCode: string; name: string; line: number }[];
  moved: { odsCode: string; name: string; from: string[]; to: string; entry: number }[];
};

const LOCAL_PCN = /^U9\d{4}$/;
const byCode = <T extends { odsCode: string }>(a: T, b: T) => (a.odsCode < b.odsCode ? -1 : a.odsCode > b.odsCode ? 1 : 0);

/**
 * Compares the extract (and PCN membership files) with what the console holds. Only an explicit status C
 * closes an organisation (an extract lists GP practices only, so a trust missing from it is not closed); a
 * closed row never creates one. PCNs are matched by name, as the membership files carry no PCN codes; a
 * practice moves when its PCN in the file differs from the PCNs it is in here.
 */
export function odsDiff(held: HeldOrganisation[], extract: ExtractRow[], pcnGroups: PcnFileGroup[] = []): OdsDiff {
  const now = new Map(held.map((o) => [o.odsCode, o]));
  const diff: OdsDiff = { newGroups: [], created: [], renamed: [], closed: [], reopened: [], moved: [] };

  for (const row of extract) {
    const here = now.get(row.odsCode);
    if (!here) {
      if (row.status === "A") {
        diff.created.push({ odsCode: row.odsCode, name: row.name, kind: row.kind, line: row.line, file: "extract", town: row.town ?? null, postcode: row.postcode ?? null });
      }
      continue;
    }
    if (here.name !== row.name) diff.renamed.push({ odsCode: row.odsCode, from: here.name, to: row.name, line: row.line });
    if (row.status === "C" && !here.closed) diff.closed.push({ odsCode: row.odsCode, name: row.name, closedOn: row.closeDate, line: row.line });
    if (row.status === "A" && here.closed) diff.reopened.push({ odsCode: row.odsCode, name: row.name, line: row.line });
  }

  const pcnByName = new Map(held.filter((o) => o.kind === "pcn").map((o) => [o.name, o.odsCode]));
  let nextLocal = Math.max(90000, ...held.filter((o) => LOCAL_PCN.test(o.odsCode)).map((o) => Number(o.odsCode.slice(1))));
  const known = new Set([...now.keys(), ...diff.created.map((c) => c.odsCode)]);
  for (const group of [...pcnGroups].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    let code = pcnByName.get(group.name);
    if (!code) {
      nextLocal += 1;
      code = `U${nextLocal}`;
      pcnByName.set(group.name, code);
      diff.newGroups.push({ odsCode: code, name: group.name });
    }
    for (const p of group.practices) {
      const here = now.get(p.odsCode);
      // A member the extract does not list (newer than it, say) is still a practice, as in the seed.
      if (!known.has(p.odsCode)) {
        known.add(p.odsCode);
        diff.created.push({ odsCode: p.odsCode, name: p.name, kind: "gp_practice", line: p.entry, file: "pcn" });
      }
      const from = [...(here?.pcns ?? [])].sort();
      if (from.length !== 1 || from[0] !== code) {
        const name = diff.created.find((c) => c.odsCode === p.odsCode)?.name ?? here?.name ?? p.name;
        diff.moved.push({ odsCode: p.odsCode, name, from, to: code, entry: p.entry });
      }
    }
  }

  for (const list of Object.values(diff)) (list as { odsCode: string }[]).sort(byCode);
  return diff;
}

export const diffSize = (d: OdsDiff) => d.newGroups.length + d.created.length + d.renamed.length + d.closed.length + d.reopened.length + d.moved.length;

/** The dry run as the import prints it: counts, then every change, one per line. */
export function describeOdsDiff(d: OdsDiff): string[] {
  const from = (codes: string[]) => (codes.length === 0 ? "no PCN" : codes.join(" and "));
  return [
    `New PCNs: ${d.newGroups.length}`,
    ...d.newGroups.map((g) => `  + ${g.odsCode} ${g.name}`),
    `New organisations: ${d.created.length}`,
    ...d.created.map((c) => `  + ${c.odsCode} ${c.name} (${c.kind.replace(/_/g, " ")})`),
    `Renamed: ${d.renamed.length}`,
    ...d.renamed.map((r) => `  ~ ${r.odsCode} "${r.from}" -> "${r.to}"`),
    `Closed: ${d.closed.length}`,
    ...d.closed.map((c) => `  - ${c.odsCode} ${c.name}${c.closedOn ? ` (closed ${c.closedOn})` : ""}`),
    `Reopened: ${d.reopened.length}`,
    ...d.reopened.map((r) => `  + ${r.odsCode} ${r.name}`),
    `Moved between groups: ${d.moved.length}`,
    ...d.moved.map((m) => `  > ${m.odsCode} ${m.name}: ${from(m.from)} -> ${m.to}`),
  ];
}
