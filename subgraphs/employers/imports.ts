import type { EntityManager } from '@mikro-orm/knex';
import { CIIU_SECTIONS, ContractType } from '../../domain/classifications';
import { KNOWN_COMMUNE } from '../../domain/territory';
import { emitMany } from '../../kit/events/outbox';
import { checked, checkInput, defineImport, type ParsedRow } from '../../kit/imports/kind';
import { createdBy } from '../../kit/writes/audited';
import { Employer } from './entities/employer';
import { EmployerSize } from './entities/enums';
import { Vacancy } from './entities/vacancy';
import { EMPLOYER_REGISTERED, employerPayload, VACANCY_REGISTERED, vacancyPayload } from './events';
import { RegisterEmployerInput } from './inputs/employer-inputs';
import { RegisterVacancyInput } from './inputs/vacancy-inputs';
import { checkActivity } from './resolvers/employer-writes';
import { checkVacancy, newVacancy } from './resolvers/vacancy-writes';

const COLUMNS = { rut: 'rut', name: 'name', sector: 'sector', ciiuClass: 'ciiu_class', size: 'size', communeCode: 'commune' };

type NewEmployer = Pick<Employer, 'rut' | 'name' | 'sector' | 'ciiuClass' | 'size' | 'communeCode' | 'correctionReason'>;

/** Employers: the natural key is the company RUT; a known RUT is left as it is. */
export const employersImport = defineImport<NewEmployer>({
  kind: 'employers',
  title: 'Employers (empresas)',
  naturalKey: 'rut',
  key: (v) => String(v.rut),
  communeColumn: 'commune',
  columns: [
    {
      name: 'rut',
      type: 'rut',
      required: true,
      description: 'Company RUT (or the RUN of a natural person who employs).',
      example: '76.543.210-3',
    },
    { name: 'name', type: 'text', required: true, max: 200, description: 'Name (razón social).', example: 'Salmones del Sur SpA' },
    {
      name: 'sector',
      type: 'enum',
      values: CIIU_SECTIONS,
      required: true,
      description: 'CIIU Rev.4.CL section letter (A–U).',
      example: 'A',
    },
    {
      name: 'ciiu_class',
      type: 'code',
      pattern: /^\d{4}$/,
      required: true,
      description: 'CIIU Rev.4.CL class (4 digits) of that section.',
      example: '0321',
    },
    {
      name: 'size',
      type: 'enum',
      values: Object.values(EmployerSize),
      required: true,
      description: 'Size by sales (Ley 20.416).',
      example: 'SMALL',
    },
    {
      name: 'commune',
      type: 'code',
      pattern: /^\d{5}$/,
      known: KNOWN_COMMUNE,
      required: true,
      description: 'CUT code of the commune: one of your token’s.',
      example: '10101',
    },
  ],
  async prepare(em: EntityManager, rows: ParsedRow[]) {
    const known = new Set(
      (await em.find(Employer, { rut: { $in: rows.map((r) => String(r.values.rut)) } }, { fields: ['rut'] })).map((e) => e.rut),
    );
    const out: (NewEmployer | null | undefined)[] = [];
    for (const row of rows) {
      const v = row.values;
      if (known.has(String(v.rut))) {
        out.push(null);
        continue;
      }
      const input = await checkInput(
        row,
        RegisterEmployerInput,
        {
          rut: String(v.rut),
          name: String(v.name ?? ''),
          sector: String(v.sector),
          ciiuClass: String(v.ciiu_class),
          size: v.size as EmployerSize,
          communeCode: String(v.commune),
        },
        COLUMNS,
      );
      if (!input || !(await checked(row, COLUMNS, 'ciiu_class', () => checkActivity(input.sector, input.ciiuClass)))) {
        out.push(undefined);
        continue;
      }
      out.push({
        rut: input.rut,
        name: input.name.trim(),
        sector: input.sector,
        ciiuClass: input.ciiuClass,
        size: input.size,
        communeCode: input.communeCode,
        correctionReason: null,
      });
    }
    return out;
  },
  async write(tx, records, subject) {
    await tx.insertMany(
      Employer,
      records.map((r) => ({ ...r, ...createdBy(subject) })),
    );
    const written = await tx.find(Employer, { rut: { $in: records.map((r) => r.rut) } }, { orderBy: { id: 'asc' } });
    await emitMany(
      tx,
      written.map((e) => ({ type: EMPLOYER_REGISTERED, payload: employerPayload(e) })),
    );
  },
});

const VACANCY_COLUMNS = {
  employerId: 'employer_rut',
  communeCode: 'commune',
  occupationCode: 'occupation_code',
  title: 'title',
  positions: 'positions',
  contractType: 'contract_type',
  wageMin: 'wage_min',
  wageMax: 'wage_max',
  openedAt: 'opened_at',
};

type NewVacancy = Omit<Vacancy, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy'>;

const vacancyKey = (v: Pick<Vacancy, 'employerId' | 'communeCode' | 'occupationCode' | 'openedAt'>) =>
  `${v.employerId}|${v.communeCode}|${v.occupationCode}|${v.openedAt}`;

/**
 * Vacancies: an employer's opening for one occupation in one commune on one day is one vacancy
 * (its positions say how many people); a known one is left as it is. Employers are this
 * subgraph's own: their RUTs are read here, not through the graph.
 */
export const vacanciesImport = defineImport<NewVacancy>({
  kind: 'vacancies',
  title: 'Vacancies (vacantes)',
  naturalKey: 'employer_rut + commune + occupation_code + opened_at',
  key: (v) => `${v.employer_rut}|${v.commune}|${v.occupation_code}|${v.opened_at}`,
  communeColumn: 'commune',
  columns: [
    {
      name: 'employer_rut',
      type: 'rut',
      required: true,
      description: 'RUT of the employer (registered in employers).',
      example: '76.543.210-3',
    },
    {
      name: 'commune',
      type: 'code',
      pattern: /^\d{5}$/,
      known: KNOWN_COMMUNE,
      required: true,
      description: 'CUT code of the commune where the job is: one of your token’s.',
      example: '10101',
    },
    {
      name: 'occupation_code',
      type: 'code',
      pattern: /^\d{4}$/,
      required: true,
      description: 'CIUO-08.CL unit group (4 digits) the product knows.',
      example: '5223',
    },
    {
      name: 'title',
      type: 'text',
      max: 200,
      description: 'Title (empty: the occupation’s common title).',
      example: 'Vendedor/a de tienda',
    },
    { name: 'positions', type: 'int', required: true, description: 'Positions offered: 1 to 10.000.', example: '2' },
    {
      name: 'contract_type',
      type: 'enum',
      values: Object.values(ContractType),
      required: true,
      description: 'Contract offered.',
      example: 'FIXED_TERM',
    },
    {
      name: 'wage_min',
      type: 'int',
      required: true,
      description: 'Monthly gross wage, lower bound (CLP): not below the minimum wage on the opening date.',
      example: '550.000',
    },
    {
      name: 'wage_max',
      type: 'int',
      required: true,
      description: 'Monthly gross wage, upper bound (CLP): at least wage_min.',
      example: '650.000',
    },
    {
      name: 'opened_at',
      type: 'date',
      required: true,
      description: 'Opening date (dd-mm-yyyy or yyyy-mm-dd): not in the future.',
      example: '02-03-2026',
    },
  ],
  async prepare(em: EntityManager, rows: ParsedRow[]) {
    const employers = new Map(
      (await em.find(Employer, { rut: { $in: rows.map((r) => String(r.values.employer_rut)) } }, { fields: ['id', 'rut', 'sector'] })).map(
        (e) => [e.rut, e],
      ),
    );
    const ids = [...new Set([...employers.values()].map((e) => e.id))];
    const known = new Set(
      (
        await em.find(
          Vacancy,
          { employerId: { $in: ids }, openedAt: { $in: [...new Set(rows.map((r) => String(r.values.opened_at)))] } },
          { fields: ['employerId', 'communeCode', 'occupationCode', 'openedAt'] },
        )
      ).map(vacancyKey),
    );
    const out: (NewVacancy | null | undefined)[] = [];
    for (const row of rows) {
      const v = row.values;
      const employer = employers.get(String(v.employer_rut));
      if (!employer) {
        row.reject('employer_rut', 'UNKNOWN_EMPLOYER', 'no employer with this RUT is registered');
        out.push(undefined);
        continue;
      }
      const input = await checkInput(
        row,
        RegisterVacancyInput,
        {
          employerId: String(employer.id),
          communeCode: String(v.commune),
          occupationCode: String(v.occupation_code),
          title: (v.title as string | null) ?? null,
          positions: Number(v.positions),
          contractType: v.contract_type as ContractType,
          wageMin: Number(v.wage_min),
          wageMax: Number(v.wage_max),
          openedAt: String(v.opened_at),
        },
        VACANCY_COLUMNS,
      );
      if (!input) {
        out.push(undefined);
        continue;
      }
      const facts = { ...input, openedAt: String(v.opened_at) };
      if (known.has(vacancyKey({ ...facts, employerId: employer.id }))) {
        out.push(null);
        continue;
      }
      if (!(await checked(row, VACANCY_COLUMNS, 'opened_at', () => checkVacancy(facts)))) {
        out.push(undefined);
        continue;
      }
      out.push(newVacancy(input, employer, facts.openedAt));
    }
    return out;
  },
  async write(tx, records, subject) {
    await tx.insertMany(
      Vacancy,
      records.map((r) => ({ ...r, ...createdBy(subject) })),
    );
    // The new ids, by natural key (a multi-row insert returns them on PostgreSQL only).
    const keys = new Set(records.map(vacancyKey));
    const written = (
      await tx.find(
        Vacancy,
        {
          employerId: { $in: [...new Set(records.map((r) => r.employerId))] },
          openedAt: { $in: [...new Set(records.map((r) => r.openedAt))] },
        },
        { orderBy: { id: 'asc' } },
      )
    ).filter((v) => keys.has(vacancyKey(v)));
    await emitMany(
      tx,
      written.map((v) => ({ type: VACANCY_REGISTERED, payload: vacancyPayload(v) })),
    );
  },
});
