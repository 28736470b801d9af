import type { EntityManager } from '@mikro-orm/knex';
import { CIIU_SECTIONS } from '../../domain/classifications';
import { KNOWN_COMMUNE } from '../../domain/territory';
import { emitMany } from '../../kit/events/outbox';
import { checked, checkInput, defineImport, type ParsedRow } from '../../kit/imports/kind';
import { createdBy } from '../../kit/writes/audited';
import { Employer } from './entities/employer';
import { EmployerSize } from './entities/enums';
import { EMPLOYER_REGISTERED, employerPayload } from './events';
import { RegisterEmployerInput } from './inputs/employer-inputs';
import { checkActivity } from './resolvers/employer-writes';

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
