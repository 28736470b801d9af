import type { EntityManager } from '@mikro-orm/knex';
import { ageBandAt } from '../../domain/classifications';
import { KNOWN_COMMUNE } from '../../domain/territory';
import { emitMany } from '../../kit/events/outbox';
import { checked, checkInput, defineImport, type ImportRun, type ParsedRow } from '../../kit/imports/kind';
import { createdBy } from '../../kit/writes/audited';
import { idsByRut, personIdOf } from '../lookups';
import { Attention } from './entities/attention';
import { AttentionKind, RecordStatus } from './entities/enums';
import { PersonProjection } from './entities/projections';
import { ATTENTION_RECORDED, attentionPayload } from './events';
import { RecordAttentionInput } from './inputs/service-inputs';
import { checkAttention } from './resolvers/service-checks';

const COLUMNS = { personId: 'person_rut', communeCode: 'omil_commune', date: 'date', kind: 'kind' };

type NewAttention = Omit<Attention, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy'>;

const attentionKey = (a: Pick<Attention, 'personId' | 'communeCode' | 'date' | 'kind'>) =>
  `${a.personId}|${a.communeCode}|${a.date}|${a.kind}`;

/**
 * OMIL attentions: one person attended by one OMIL on one day for one kind of service is one
 * attention; a known one (cancelled ones too: corrections go through the mutations) is left as it
 * is. People are named by RUT and resolved through the graph, as the importer.
 */
export const attentionsImport = defineImport<NewAttention>({
  kind: 'attentions',
  purpose: 'job-placement',
  title: 'OMIL attentions (atenciones)',
  naturalKey: 'person_rut + omil_commune + date + kind',
  key: (v) => `${v.person_rut}|${v.omil_commune}|${v.date}|${v.kind}`,
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
      name: 'omil_commune',
      type: 'code',
      pattern: /^\d{5}$/,
      known: KNOWN_COMMUNE,
      required: true,
      description: 'CUT code of the OMIL that attended: one of your token’s communes.',
      example: '10101',
    },
    {
      name: 'date',
      type: 'date',
      required: true,
      description: 'Day of the attention: not in the future, not before the person registered.',
      example: '09-03-2026',
    },
    {
      name: 'kind',
      type: 'enum',
      values: Object.values(AttentionKind),
      required: true,
      description: 'REGISTRATION, ORIENTATION or JOB_SEARCH_ADVICE.',
      example: 'ORIENTATION',
    },
  ],
  async prepare(em: EntityManager, rows: ParsedRow[], run: ImportRun) {
    const { persons } = await idsByRut(run, { persons: rows.map((r) => String(r.values.person_rut)) });
    const ids = [...new Set(rows.map((r) => persons.get(String(r.values.person_rut))).filter((id): id is number => !!id))];
    const people = new Map((await em.find(PersonProjection, { id: { $in: ids } })).map((p) => [p.id, p]));
    const known = new Set(
      (
        await em.find(
          Attention,
          { personId: { $in: ids }, date: { $in: [...new Set(rows.map((r) => String(r.values.date)))] } },
          { fields: ['personId', 'communeCode', 'date', 'kind'] },
        )
      ).map(attentionKey),
    );
    const out: (NewAttention | null | undefined)[] = [];
    for (const row of rows) {
      const v = row.values;
      const personId = personIdOf(row, persons);
      if (!personId) {
        out.push(undefined);
        continue;
      }
      const input = await checkInput(
        row,
        RecordAttentionInput,
        { personId: String(personId), communeCode: String(v.omil_commune), date: String(v.date), kind: v.kind as AttentionKind },
        COLUMNS,
      );
      if (!input) {
        out.push(undefined);
        continue;
      }
      if (known.has(attentionKey({ ...input, personId }))) {
        out.push(null);
        continue;
      }
      let person: PersonProjection | undefined;
      await checked(row, COLUMNS, 'person_rut', () => (person = checkAttention(input.date, personId, people.get(personId) ?? null)));
      out.push(
        person && {
          communeCode: input.communeCode,
          personId,
          date: input.date,
          kind: input.kind,
          status: RecordStatus.ACTIVE,
          cancelReason: null,
          sex: person.sex,
          ageBand: ageBandAt(person.birthDate, input.date),
        },
      );
    }
    return out;
  },
  async write(tx, records, subject) {
    await tx.insertMany(
      Attention,
      records.map((r) => ({ ...r, ...createdBy(subject) })),
    );
    // The new ids, by natural key (a multi-row insert returns them on PostgreSQL only).
    const keys = new Set(records.map(attentionKey));
    const written = (
      await tx.find(
        Attention,
        { personId: { $in: [...new Set(records.map((r) => r.personId))] }, date: { $in: [...new Set(records.map((r) => r.date))] } },
        { orderBy: { id: 'asc' } },
      )
    ).filter((a) => keys.has(attentionKey(a)));
    await emitMany(
      tx,
      written.map((a) => ({ type: ATTENTION_RECORDED, payload: attentionPayload(a) })),
    );
  },
});
