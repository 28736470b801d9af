import type { EntityManager } from '@mikro-orm/knex';
import { ContractType } from '../../domain/classifications';
import { KNOWN_COMMUNE } from '../../domain/territory';
import { existingTuples, insertReturningIds } from '../../kit/bulk';
import { emitMany } from '../../kit/events/outbox';
import { checked, defineImport, type ImportRun, type ParsedRow } from '../../kit/imports/kind';
import { createdBy } from '../../kit/writes/audited';
import { EmployerProjection } from './entities/employer-projection';
import { PersonProjection } from './entities/person-projection';
import { Placement } from './entities/placement';
import { VacancyProjection } from './entities/vacancy-projection';
import { placementRegistered } from './events';
import { checkPlacement, type PlacementFacts } from './resolvers/placement-checks';

/** The mutation's fields → the template's columns (a rule's error lands in its column). */
const FIELD_COLUMNS = {
  personId: 'person_rut',
  employerId: 'employer_rut',
  vacancyId: 'vacancy_id',
  communeCode: 'omil_commune',
  startDate: 'start_date',
  occupationCode: 'occupation_code',
  contractType: 'contract_type',
  monthlyWage: 'monthly_wage',
};

/**
 * People's and employers' ids by RUT, asked of the graph as the importer (persons and employers
 * own them: this subgraph never reads their tables), 400 RUTs a call (the gateway’s cap on a list argument), kept for the run.
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

/** A date column as the driver returns it (PostgreSQL and SQLite: text; a Date if configured so). */
const isoDay = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value)).slice(0, 10);

type NewPlacement = PlacementFacts & ReturnType<typeof checkPlacement> extends Promise<infer S> ? PlacementFacts & S : never;

export const placementsImport = defineImport<NewPlacement>({
  kind: 'placements',
  purpose: 'job-placement',
  title: 'Placements (colocaciones)',
  naturalKey: 'person_rut + employer_rut + start_date',
  key: (v) => `${v.person_rut}|${v.employer_rut}|${v.start_date}`,
  communeColumn: 'omil_commune',
  columns: [
    {
      name: 'person_rut',
      type: 'rut',
      required: true,
      description: 'RUT of the job seeker (registered in persons).',
      example: '12.345.678-5',
    },
    {
      name: 'employer_rut',
      type: 'rut',
      required: true,
      description: 'Company RUT of the employer (registered in employers).',
      example: '76.543.210-3',
    },
    {
      name: 'omil_commune',
      type: 'code',
      pattern: /^\d{5}$/,
      required: true,
      description: 'CUT code of the registering OMIL: one of your token’s communes.',
      example: '10101',
      known: KNOWN_COMMUNE,
    },
    {
      name: 'start_date',
      type: 'date',
      required: true,
      description: 'First day of work (dd-mm-yyyy or yyyy-mm-dd): not in the future, not before the person registered.',
      example: '15-03-2026',
    },
    {
      name: 'occupation_code',
      type: 'code',
      pattern: /^\d{4}$/,
      required: true,
      description: 'CIUO-08.CL unit group (4 digits).',
      example: '5223',
    },
    {
      name: 'contract_type',
      type: 'enum',
      values: Object.values(ContractType),
      required: true,
      description: 'Contract: APPRENTICESHIP only under 21.',
      example: 'INDEFINITE',
    },
    {
      name: 'monthly_wage',
      type: 'int',
      description: 'Monthly gross wage, CLP (not below the minimum wage on the start date); may be empty.',
      example: '650.000',
    },
    {
      name: 'vacancy_id',
      type: 'code',
      pattern: /^\d{1,15}$/,
      description: 'The vacancy filled (its id in the graph), if any.',
      example: '',
    },
  ],
  async prepare(em: EntityManager, rows: ParsedRow[], run: ImportRun) {
    const { persons, employers } = await idsByRut(run, {
      persons: rows.map((r) => String(r.values.person_rut)),
      employers: rows.map((r) => String(r.values.employer_rut)),
    });
    const facts = rows.map((row): PlacementFacts | undefined => {
      const v = row.values;
      const personId = persons.get(String(v.person_rut));
      const employerId = employers.get(String(v.employer_rut));
      if (!personId) row.reject('person_rut', 'UNKNOWN_PERSON', 'no job seeker with this RUT is registered in your communes');
      if (!employerId) row.reject('employer_rut', 'UNKNOWN_EMPLOYER', 'no employer with this RUT is registered');
      if (row.rejected) return undefined;
      return {
        personId: personId!,
        employerId: employerId!,
        vacancyId: v.vacancy_id == null ? null : Number(v.vacancy_id),
        communeCode: String(v.omil_commune),
        startDate: String(v.start_date),
        occupationCode: String(v.occupation_code),
        contractType: v.contract_type as ContractType,
        monthlyWage: v.monthly_wage == null ? null : Number(v.monthly_wage),
      };
    });
    const ok = facts.filter((f): f is PlacementFacts => f !== undefined);
    // One query per table for the chunk; the mutation's checks then run on what it loaded.
    const ids = (pick: (f: PlacementFacts) => number | null) => [...new Set(ok.map(pick).filter((x): x is number => x !== null))];
    const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    const people = byId(await em.find(PersonProjection, { id: { $in: ids((f) => f.personId) } }));
    const companies = byId(await em.find(EmployerProjection, { id: { $in: ids((f) => f.employerId) } }));
    const vacancies = byId(await em.find(VacancyProjection, { id: { $in: ids((f) => f.vacancyId) } }));
    // Natural keys already written: the exact (person, employer, date) tuples of the chunk.
    const existing = new Set(
      (
        await existingTuples(
          em,
          Placement,
          ['personId', 'employerId', 'startDate'],
          ok.map((f) => [f.personId, f.employerId, f.startDate]),
        )
      ).map(([person, employer, date]) => `${Number(person)}|${Number(employer)}|${isoDay(date)}`),
    );
    const out = [];
    for (let i = 0; i < rows.length; i++) {
      const f = facts[i];
      if (!f) {
        out.push(undefined);
        continue;
      }
      if (existing.has(`${f.personId}|${f.employerId}|${f.startDate}`)) {
        out.push(null);
        continue;
      }
      let snapshot: Awaited<ReturnType<typeof checkPlacement>> | undefined;
      await checked(rows[i], FIELD_COLUMNS, 'person_rut', async () => {
        snapshot = await checkPlacement(em, f, {
          person: people.get(f.personId) ?? null,
          employer: companies.get(f.employerId) ?? null,
          vacancy: f.vacancyId === null ? null : (vacancies.get(f.vacancyId) ?? null),
        });
      });
      out.push(snapshot ? { ...f, ...snapshot } : undefined);
    }
    return out;
  },
  async write(tx, records, subject) {
    const ids = await insertReturningIds(
      tx,
      Placement,
      records.map((r) => ({ ...r, ...createdBy(subject) })),
    );
    await emitMany(
      tx,
      records.map((r, i) => ({ type: 'placements.placement_registered', payload: placementRegistered({ ...r, id: ids[i] }) })),
    );
  },
});
