import type { EntityManager } from '@mikro-orm/knex';
import { ContractType } from '../../domain/classifications';
import { KNOWN_COMMUNE } from '../../domain/territory';
import { existingTuples, insertReturningIds } from '../../kit/bulk';
import { emitMany } from '../../kit/events/outbox';
import { badUserInput } from '../../kit/errors';
import { checked, checkInput, defineImport, type ImportRun, type ParsedRow } from '../../kit/imports/kind';
import { idsByRut, personIdOf } from '../lookups';
import { createdBy } from '../../kit/writes/audited';
import { EmployerProjection } from './entities/employer-projection';
import { PersonProjection } from './entities/person-projection';
import { Placement } from './entities/placement';
import { Referral } from './entities/referral';
import { VacancyProjection } from './entities/vacancy-projection';
import { placementRegistered, REFERRAL_RECORDED, referralRecorded } from './events';
import { ReferToVacancyInput } from './inputs/referral-inputs';
import { checkPlacement, type PlacementFacts } from './resolvers/placement-checks';
import { checkReferral } from './resolvers/referral-checks';

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
      const personId = personIdOf(row, persons);
      const employerId = employers.get(String(v.employer_rut));
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

const REFERRAL_COLUMNS = { personId: 'person_rut', vacancyId: 'vacancy_id', communeCode: 'omil_commune', referredAt: 'referred_at' };

type NewReferral = Pick<Referral, 'personId' | 'vacancyId' | 'employerId' | 'communeCode' | 'referredAt'>;

const referralKey = (r: Pick<Referral, 'personId' | 'vacancyId'>) => `${r.personId}|${r.vacancyId}`;

/**
 * Referrals (derivaciones): a person referred to a vacancy once; a known referral is left as it
 * is (its outcome goes through recordReferralOutcome). People by RUT through the graph, as the
 * importer; vacancies by their graph id, checked on the projection, as referToVacancy does.
 */
export const referralsImport = defineImport<NewReferral>({
  kind: 'referrals',
  purpose: 'job-placement',
  title: 'Referrals to vacancies (derivaciones)',
  naturalKey: 'person_rut + vacancy_id',
  key: (v) => `${v.person_rut}|${v.vacancy_id}`,
  communeColumn: 'omil_commune',
  columns: [
    {
      name: 'person_rut',
      type: 'rut',
      required: true,
      description: 'RUT of the job seeker (registered in persons, readable by your token).',
      example: '12.345.678-5',
    },
    {
      name: 'vacancy_id',
      type: 'code',
      pattern: /^\d{1,15}$/,
      required: true,
      description: 'The vacancy (its id in the graph): OPEN.',
      example: '1',
    },
    {
      name: 'omil_commune',
      type: 'code',
      pattern: /^\d{5}$/,
      required: true,
      description: 'CUT code of the referring OMIL: one of your token’s communes.',
      example: '10101',
      known: KNOWN_COMMUNE,
    },
    {
      name: 'referred_at',
      type: 'date',
      required: true,
      description: 'Day of the referral: not in the future, not before the person registered nor the vacancy opened.',
      example: '09-03-2026',
    },
  ],
  async prepare(em: EntityManager, rows: ParsedRow[], run: ImportRun) {
    const { persons } = await idsByRut(run, { persons: rows.map((r) => String(r.values.person_rut)) });
    const personIds = [...new Set(rows.map((r) => persons.get(String(r.values.person_rut))).filter((id): id is number => !!id))];
    const vacancyIds = [...new Set(rows.map((r) => Number(r.values.vacancy_id)))];
    const people = new Map((await em.find(PersonProjection, { id: { $in: personIds } })).map((p) => [p.id, p]));
    const vacancies = new Map((await em.find(VacancyProjection, { id: { $in: vacancyIds } })).map((v) => [v.id, v]));
    const known = new Set(
      (await em.find(Referral, { personId: { $in: personIds } }, { fields: ['personId', 'vacancyId'] })).map(referralKey),
    );
    const out: (NewReferral | null | undefined)[] = [];
    for (const row of rows) {
      const v = row.values;
      const personId = personIdOf(row, persons);
      if (!personId) {
        out.push(undefined);
        continue;
      }
      const input = await checkInput(
        row,
        ReferToVacancyInput,
        {
          personId: String(personId),
          vacancyId: String(v.vacancy_id),
          communeCode: String(v.omil_commune),
          referredAt: String(v.referred_at),
        },
        REFERRAL_COLUMNS,
      );
      if (!input) {
        out.push(undefined);
        continue;
      }
      const vacancyId = Number(input.vacancyId);
      if (known.has(referralKey({ personId, vacancyId }))) {
        out.push(null);
        continue;
      }
      let vacancy: VacancyProjection | undefined;
      await checked(row, REFERRAL_COLUMNS, 'person_rut', () => {
        const person = people.get(personId);
        if (!person) throw badUserInput('input.personId', `no job seeker ${personId} is registered`);
        vacancy = checkReferral(person, vacancyId, vacancies.get(vacancyId) ?? null, input.referredAt);
      });
      out.push(
        vacancy && { personId, vacancyId, employerId: vacancy.employerId, communeCode: input.communeCode, referredAt: input.referredAt },
      );
    }
    return out;
  },
  async write(tx, records, subject) {
    await tx.insertMany(
      Referral,
      records.map((r) => ({ ...r, ...createdBy(subject) })),
    );
    // The new ids, by natural key (a multi-row insert returns them on PostgreSQL only).
    const keys = new Set(records.map(referralKey));
    const written = (
      await tx.find(Referral, { personId: { $in: [...new Set(records.map((r) => r.personId))] } }, { orderBy: { id: 'asc' } })
    ).filter((r) => keys.has(referralKey(r)));
    await emitMany(
      tx,
      written.map((r) => ({ type: REFERRAL_RECORDED, payload: referralRecorded(r) })),
    );
  },
});
