import type { ImportRun, ParsedRow } from '../kit/imports/kind';

/**
 * People's and employers' ids by RUT, asked of the graph as the importer (persons and employers
 * own them: an importing subgraph never reads their tables; the persons' access rules apply to
 * the importer), 400 RUTs a call (the gateway’s cap on a list argument), kept for the run.
 * Shared by the import kinds whose rows name people or employers by RUT; it names the graph's
 * fields, so it lives beside the subgraphs, not in the domain-free kit.
 */
export async function idsByRut(run: ImportRun, ruts: { persons?: string[]; employers?: string[] }) {
  const persons = (run.memo.get('persons') ?? new Map()) as Map<string, number | null>;
  const employers = (run.memo.get('employers') ?? new Map()) as Map<string, number | null>;
  run.memo.set('persons', persons).set('employers', employers);
  const p = [...new Set(ruts.persons ?? [])].filter((r) => !persons.has(r));
  const e = [...new Set(ruts.employers ?? [])].filter((r) => !employers.has(r));
  const slices = [];
  for (let i = 0; i < Math.max(p.length, e.length); i += 400) slices.push([p.slice(i, i + 400), e.slice(i, i + 400)]);
  const answers = await Promise.all(
    slices.map(([ps, es]) =>
      run.graph<{ personsByRut?: { id: string; rut: string }[]; employersByRut?: { id: string; rut: string }[] }>(
        `query ImportLookup($p: [Rut!]!, $e: [Rut!]!, $withP: Boolean!, $withE: Boolean!) {
        personsByRut(ruts: $p) @include(if: $withP) { id rut }
        employersByRut(ruts: $e) @include(if: $withE) { id rut }
      }`,
        { p: ps, e: es, withP: ps.length > 0, withE: es.length > 0 },
      ),
    ),
  );
  for (const [k, [ps, es]] of slices.entries()) {
    const data = answers[k];
    const norm = (rut: string) => rut.replace(/\./g, '');
    for (const r of ps) persons.set(r, null);
    for (const r of es) employers.set(r, null);
    for (const x of data.personsByRut ?? []) persons.set(norm(x.rut), Number(x.id));
    for (const x of data.employersByRut ?? []) employers.set(norm(x.rut), Number(x.id));
  }
  return { persons, employers };
}

/**
 * The id of the job seeker a row names by `person_rut` (from `idsByRut`'s answer), or the row's
 * UNKNOWN_PERSON problem: the importer's access rules hide people of other communes as unknown.
 */
export function personIdOf(row: ParsedRow, persons: Map<string, number | null>): number | undefined {
  const id = persons.get(String(row.values.person_rut));
  if (id) return id;
  row.reject('person_rut', 'UNKNOWN_PERSON', 'no job seeker with this RUT is registered in your communes');
  return undefined;
}
