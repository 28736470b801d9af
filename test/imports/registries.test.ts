import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import { AuditEntry } from '../../kit/audit';
import { checkDigit, formatRut } from '../../kit/rut';
import { Person } from '../../subgraphs/persons/entities/person';
import { data, purpose } from '../support/graphql';
import { describeEachDatabase } from '../support/platform';
import { csv, importFile, omilToken, xlsx } from './support';

// RUTs no seeded record uses (bodies above the seed's range).
const rut = (body: number) => formatRut(`${body}-${checkDigit(body)}`);

const JOB_SEEKERS = [
  'rut',
  'first_name',
  'last_name',
  'second_last_name',
  'birth_date',
  'sex',
  'education',
  'residence_commune',
  'omil_commune',
  'registered_at',
  'phone',
  'email',
];
const seeker = (body: number, name = 'Camila', last = 'Muñoz'): string[] => [
  rut(body),
  name,
  last,
  'Peña',
  '21-04-1990',
  'FEMALE',
  'SECONDARY',
  '10101',
  '10101',
  '02-03-2026',
  '+56 9 1234 5678',
  'camila@example.cl',
];
const EMPLOYERS = ['rut', 'name', 'sector', 'ciiu_class', 'size', 'commune'];
const employer = (body: number, name = 'Salmones Ñuble SpA'): string[] => [rut(body), name, 'A', '0321', 'SMALL', '10101'];

const PERSON = `query($r: Rut!) { personByRut(rut: $r) { firstName lastName secondLastName birthDate } }`;
const EMPLOYER = `query($r: Rut!) { employerByRut(rut: $r) { name sector ciiuClass size } }`;

describeEachDatabase('job seekers and employers import', (platform) => {
  it('job seekers: every bad row reported, nothing written; the fixed file commits once; Windows-1252 and XLSX read right', async () => {
    const { url } = platform();
    const token = await omilToken('10101');
    const bad = [...seeker(97000001)];
    bad[4] = '31-02-1990'; // no such date
    const bad2 = [...seeker(97000002)];
    bad2[11] = 'not-an-email';
    bad2[5] = 'F'; // a row's cells are all checked; its rules once its cells read
    const bad3 = [...seeker(97000006)];
    bad3[11] = 'not-an-email'; // the mutation input's own rule
    const young = [...seeker(97000003)];
    young[4] = '01-01-2015'; // 11 at registration: the mutation's rule
    const rows = [JOB_SEEKERS, seeker(97000000), bad, bad2, young, seeker(97000000), bad3];
    const rejected = await importFile(url, 'jobSeekers', csv(rows, { delimiter: ';', encoding: 'win1252' }), token);
    expect(rejected.status).toBe(422);
    expect(rejected.body.report.issues.map((i: any) => [i.row, i.column, i.code])).toEqual([
      [3, 'birth_date', 'INVALID_DATE'],
      [4, 'sex', 'UNKNOWN_CODE'],
      [5, 'birth_date', 'RULE'],
      [6, '', 'DUPLICATE_IN_FILE'],
      [7, 'email', 'INVALID_VALUE'],
    ]);
    expect((await data(url, PERSON, { r: rut(97000000) }, token, purpose())).personByRut).toBeNull();

    const good = csv([JOB_SEEKERS, seeker(97000000), seeker(97000001, 'José', 'Ñancupil')], { delimiter: ';', encoding: 'win1252' });
    expect((await importFile(url, 'jobSeekers', good, token)).body.report).toMatchObject({ status: 'COMMITTED', created: 2 });
    expect((await data(url, PERSON, { r: rut(97000001) }, token, purpose())).personByRut).toEqual({
      firstName: 'José',
      lastName: 'Ñancupil',
      secondLastName: 'Peña',
      birthDate: '1990-04-21',
    });
    expect((await importFile(url, 'jobSeekers', good, token)).body.report).toMatchObject({ status: 'COMMITTED', created: 0, unchanged: 2 });
    const book = await xlsx([JOB_SEEKERS, seeker(97000001), seeker(97000004, 'Ana', 'Díaz')]);
    expect((await importFile(url, 'jobSeekers', book, token)).body.report).toMatchObject({ created: 1, unchanged: 1 });
    expect((await data(url, PERSON, { r: rut(97000004) }, token, purpose())).personByRut.lastName).toBe('Díaz');

    const other = await importFile(url, 'jobSeekers', csv([JOB_SEEKERS, seeker(97000005)]), await omilToken('10102'));
    expect(other.status).toBe(403);
  });

  it('employers: bad rows reported, then committed once, with accents from Windows-1252 and from XLSX', async () => {
    const { url } = platform();
    const token = await omilToken('10101');
    const wrongClass = employer(98000001);
    wrongClass[3] = '4711'; // class of section G, not A
    const noName = employer(98000002);
    noName[1] = '';
    const rejected = await importFile(url, 'employers', csv([EMPLOYERS, employer(98000000), wrongClass, noName]), token, { dryRun: true });
    expect(rejected.body.report.issues.map((i: any) => [i.row, i.column, i.code])).toEqual([
      [3, 'ciiu_class', 'RULE'],
      [4, 'name', 'REQUIRED'],
    ]);
    const good = csv([EMPLOYERS, employer(98000000), employer(98000001, 'Maderas Ñirehue Ltda.')], { delimiter: ';', encoding: 'win1252' });
    expect((await importFile(url, 'employers', good, token)).body.report).toMatchObject({ status: 'COMMITTED', created: 2 });
    expect((await data(url, EMPLOYER, { r: rut(98000001) })).employerByRut).toEqual({
      name: 'Maderas Ñirehue Ltda.',
      sector: 'A',
      ciiuClass: '0321',
      size: 'SMALL',
    });
    expect((await importFile(url, 'employers', good, token)).body.report).toMatchObject({ created: 0, unchanged: 2 });
    const book = await xlsx([EMPLOYERS, employer(98000002, 'Lácteos Frutillar S.A.')]);
    expect((await importFile(url, 'employers', book, token)).body.report).toMatchObject({ created: 1 });
    expect((await data(url, EMPLOYER, { r: rut(98000002) })).employerByRut.name).toBe('Lácteos Frutillar S.A.');
    expect((await importFile(url, 'employers', csv([EMPLOYERS, employer(98000003)]), await omilToken('10102'))).status).toBe(403);
  });

  it('audit: a committed job seekers import leaves one WRITTEN entry per person created, a dry run and a re-import none', async () => {
    const { url, subgraphs } = platform();
    const token = await omilToken('10101');
    const persons = () => subgraphs.persons.db!.em.fork() as EntityManager;
    const entries = (requestId: string) => persons().find(AuditEntry, { requestId }, { orderBy: { seq: 'asc' } });
    const send = async (file: Buffer, options: { dryRun?: boolean; purpose?: string } = {}) => {
      const requestId = `test-${randomUUID()}`;
      const headers: Record<string, string> = { 'x-request-id': requestId, ...(options.purpose ? { 'x-purpose': options.purpose } : {}) };
      const answer = await importFile(url, 'jobSeekers', file, token, { dryRun: options.dryRun, headers });
      return { report: answer.body.report, requestId };
    };
    // 99000000 is there already: only the two others are written.
    const file = csv([JOB_SEEKERS, seeker(99000000), seeker(99000001, 'Rosa', 'Catrileo'), seeker(99000002, 'Iván', 'Oyarzún')]);
    expect((await send(csv([JOB_SEEKERS, seeker(99000000)]))).report).toMatchObject({ created: 1 });

    const dry = await send(file, { dryRun: true });
    expect(dry.report).toMatchObject({ status: 'CHECKED', rows: 3 });
    expect(await entries(dry.requestId)).toEqual([]);

    const commit = await send(file, { purpose: 'data-quality' });
    expect(commit.report).toMatchObject({ status: 'COMMITTED', created: 2, unchanged: 1 });
    const created = await persons().find(Person, { rut: { $in: [rut(99000001), rut(99000002)].map((r) => r.replace(/\./g, '')) } });
    expect(created).toHaveLength(2);
    const recorded = await entries(commit.requestId);
    expect(recorded.map((e) => e.personId).sort()).toEqual(created.map((p) => String(p.id)).sort());
    for (const entry of recorded) {
      expect(entry).toMatchObject({
        requestId: commit.requestId,
        operation: 'import jobSeekers',
        viewerSub: 'test-omil',
        viewerRoles: 'omil',
        viewerCommunes: '10101',
        purpose: 'data-quality',
        personType: 'Person',
        outcome: 'WRITTEN',
      });
      expect(entry.fields.split(',')).toEqual(
        expect.arrayContaining(['rut', 'firstName', 'lastName', 'birthDate', 'omilCommuneCode', 'phone', 'email']),
      );
    }

    // Nothing new: no entry. Without x-purpose the kind's purpose is recorded.
    const again = await send(file);
    expect(again.report).toMatchObject({ status: 'COMMITTED', created: 0, unchanged: 3 });
    expect(await entries(again.requestId)).toEqual([]);
    const another = await send(csv([JOB_SEEKERS, seeker(99000003)]));
    expect((await entries(another.requestId)).map((e) => [e.outcome, e.purpose])).toEqual([['WRITTEN', 'registration']]);
  });
});
