import type { EntityManager } from '@mikro-orm/knex';
import { ageBandAt, Education, Sex } from '../../domain/classifications';
import { KNOWN_COMMUNE } from '../../domain/territory';
import { record } from '../../kit/audit/record';
import { today } from '../../kit/dates';
import { emitMany } from '../../kit/events/outbox';
import { checked, checkInput, defineImport, type ParsedRow } from '../../kit/imports/kind';
import { createdBy } from '../../kit/writes/audited';
import { Person } from './entities/person';
import { JOB_SEEKER_REGISTERED, jobSeekerPayload } from './events';
import { chileanPhone } from './inputs/contact';
import { RegisterJobSeekerInput } from './inputs/job-seeker-inputs';
import { checkFacts } from './resolvers/job-seeker-writes';

const COLUMNS = {
  rut: 'rut',
  firstName: 'first_name',
  lastName: 'last_name',
  secondLastName: 'second_last_name',
  birthDate: 'birth_date',
  sex: 'sex',
  education: 'education',
  residenceCommuneCode: 'residence_commune',
  omilCommuneCode: 'omil_commune',
  registeredAt: 'registered_at',
  bneRegistered: 'bne_registered',
  phone: 'phone',
  email: 'email',
  disabilityConsent: 'disability_consent',
  disability: 'disability',
};

type NewPerson = Omit<Person, 'id' | 'communeCodes' | 'version' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy'>;

/** Job seekers: the natural key is the RUT (one registration per person); a known RUT is left as it is. */
export const jobSeekersImport = defineImport<NewPerson>({
  kind: 'jobSeekers',
  purpose: 'registration',
  title: 'Job seekers (personas inscritas)',
  naturalKey: 'rut',
  key: (v) => String(v.rut),
  communeColumn: 'omil_commune',
  columns: [
    { name: 'rut', type: 'rut', required: true, description: 'RUN of the person.', example: '12.345.678-5' },
    { name: 'first_name', type: 'text', required: true, max: 100, description: 'Given names.', example: 'Camila' },
    { name: 'last_name', type: 'text', required: true, max: 100, description: 'First surname (apellido paterno).', example: 'Soto' },
    { name: 'second_last_name', type: 'text', max: 100, description: 'Second surname, if any.', example: 'Vera' },
    {
      name: 'birth_date',
      type: 'date',
      required: true,
      description: 'At least 15 years before the registration date.',
      example: '21-04-1990',
    },
    { name: 'sex', type: 'enum', values: Object.values(Sex), required: true, description: 'Registered sex.', example: 'FEMALE' },
    {
      name: 'education',
      type: 'enum',
      values: Object.values(Education),
      required: true,
      description: 'Education level.',
      example: 'SECONDARY',
    },
    {
      name: 'residence_commune',
      type: 'code',
      pattern: /^\d{5}$/,
      known: KNOWN_COMMUNE,
      required: true,
      description: 'CUT code of the commune of residence.',
      example: '10101',
    },
    {
      name: 'omil_commune',
      type: 'code',
      pattern: /^\d{5}$/,
      known: KNOWN_COMMUNE,
      required: true,
      description: 'CUT code of the registering OMIL: one of your token’s communes.',
      example: '10101',
    },
    { name: 'registered_at', type: 'date', description: 'Registration date (empty: today); never in the future.', example: '02-03-2026' },
    { name: 'bne_registered', type: 'boolean', description: 'In the Bolsa Nacional de Empleo: sí/no (empty: no).', example: 'no' },
    { name: 'phone', type: 'text', max: 30, description: 'Chilean number, e.g. +56 9 1234 5678.', example: '+56 9 1234 5678' },
    { name: 'email', type: 'text', max: 254, description: 'Email address.', example: 'camila.soto@example.cl' },
    {
      name: 'disability_consent',
      type: 'boolean',
      description: 'Express consent to store disability data: sí/no (empty: no).',
      example: 'no',
    },
    { name: 'disability', type: 'boolean', description: 'Sensitive: only with disability_consent.', example: '' },
  ],
  async prepare(em: EntityManager, rows: ParsedRow[]) {
    const known = new Set(
      (await em.find(Person, { rut: { $in: rows.map((r) => String(r.values.rut)) } }, { fields: ['rut'] })).map((p) => p.rut),
    );
    const out: (NewPerson | null | undefined)[] = [];
    for (const row of rows) {
      const v = row.values;
      if (known.has(String(v.rut))) {
        out.push(null);
        continue;
      }
      const input = await checkInput(
        row,
        RegisterJobSeekerInput,
        {
          rut: String(v.rut),
          firstName: String(v.first_name ?? ''),
          lastName: String(v.last_name ?? ''),
          secondLastName: (v.second_last_name as string | null) ?? null,
          birthDate: String(v.birth_date),
          sex: v.sex as Sex,
          education: v.education as Education,
          residenceCommuneCode: String(v.residence_commune),
          omilCommuneCode: String(v.omil_commune),
          registeredAt: (v.registered_at as string | null) ?? null,
          bneRegistered: (v.bne_registered as boolean | null) ?? false,
          phone: (v.phone as string | null) ?? null,
          email: (v.email as string | null) ?? null,
          disabilityConsent: (v.disability_consent as boolean | null) ?? false,
          disability: (v.disability as boolean | null) ?? null,
        },
        COLUMNS,
      );
      if (!input) {
        out.push(undefined);
        continue;
      }
      const facts = {
        birthDate: input.birthDate,
        registeredAt: input.registeredAt ?? today(),
        residenceCommuneCode: input.residenceCommuneCode,
        omilCommuneCode: input.omilCommuneCode,
        disabilityConsent: input.disabilityConsent,
        disability: input.disability ?? null,
      };
      if (!(await checked(row, COLUMNS, 'rut', () => checkFacts(facts, true)))) {
        out.push(undefined);
        continue;
      }
      out.push({
        ...facts,
        rut: input.rut,
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        secondLastName: input.secondLastName?.trim() ?? '',
        sex: input.sex,
        education: input.education,
        registrationAgeBand: ageBandAt(facts.birthDate, facts.registeredAt),
        bneRegistered: input.bneRegistered,
        phone: input.phone == null ? null : chileanPhone(input.phone),
        email: input.email?.trim() ?? null,
        correctionReason: null,
      } as NewPerson);
    }
    return out;
  },
  async write(tx, records, subject, run) {
    await tx.insertMany(
      Person,
      records.map((r) => ({ ...r, ...createdBy(subject) })),
    );
    const written = await tx.find(Person, { rut: { $in: records.map((r) => r.rut) } }, { orderBy: { id: 'asc' } });
    await emitMany(
      tx,
      written.map((p) => ({ type: JOB_SEEKER_REGISTERED, payload: jobSeekerPayload(p) })),
    );
    // As registerJobSeeker records it: one entry per person, the input's fields the row filled.
    for (const person of written) {
      const fields = Object.keys(COLUMNS).filter((f) => person[f as keyof Person] != null && person[f as keyof Person] !== '');
      record(run, { type: 'Person', id: person.id, fields, outcome: 'written' });
    }
  },
});
