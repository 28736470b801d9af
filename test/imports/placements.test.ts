import { ageAt } from '../../domain/classifications';
import { addDays, today } from '../../kit/dates';
import { formatRut } from '../../kit/rut';
import { network } from '../../seed/network';
import { Placement } from '../../subgraphs/placements/entities/placement';
import { data } from '../support/graphql';
import { outboxAfter, outboxHead } from '../support/writes';
import { describeEachDatabase } from '../support/platform';
import { csv, importFile, omilToken, xlsx } from './support';

const net = network();
const TODAY = today();
const START = addDays(TODAY, -3);
const YEAR = Number(START.slice(0, 4));
// Seeded job seekers of 10101 aged 25–60 and registered before START; employers to place them with.
const people = net.persons
  .filter(
    (p) => p.omilCommuneCode === '10101' && p.registeredAt < START && ageAt(p.birthDate, START) >= 25 && ageAt(p.birthDate, START) <= 60,
  )
  .slice(0, 60);
const employers = net.employers.slice(0, 10);
const HEADER = ['person_rut', 'employer_rut', 'omil_commune', 'start_date', 'occupation_code', 'contract_type', 'monthly_wage'];
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('-');
const row = (i: number): string[] => [
  formatRut(people[i].rut),
  formatRut(employers[i % employers.length].rut),
  '10101',
  ddmmyyyy(START),
  '5223',
  'INDEFINITE',
  '650.000',
];
const STATS = `query($y: Int!) { placementStats(filter: { years: [$y], communes: ["10101"] }) { placements } }`;
const placementsIn = async (url: string) => (await data(url, STATS, { y: YEAR })).placementStats[0]?.placements ?? 0;

describeEachDatabase('placements import', (platform) => {
  it('acceptance: template, 50 rows with 3 wrong → those 3 reported; fixed → 50 placements; again → nothing changes', async () => {
    const { url } = platform();
    const token = await omilToken('10101');
    const base = url.replace(/\/graphql$/, '');
    const template = await fetch(`${base}/imports/templates/placements.csv`);
    expect(template.status).toBe(200);
    const header = (await template.text())
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0]
      .split(';');
    expect(header).toEqual([...HEADER, 'vacancy_id']);

    const rows = Array.from({ length: 50 }, (_, i) => row(i));
    const wrong = rows.map((r) => [...r]);
    wrong[4][0] = formatRut(people[4].rut).replace(/.$/, (d) => (d === '1' ? '2' : '1')); // a bad check digit
    wrong[19][2] = '10199'; // no such commune
    wrong[41][3] = ddmmyyyy(addDays(TODAY, 10)); // in the future
    const before = await placementsIn(url);
    const dry = await importFile(url, 'placements', csv([HEADER, ...wrong], { delimiter: ';' }), token, { dryRun: true });
    expect(dry.status).toBe(422);
    expect(dry.body.report).toMatchObject({ status: 'REJECTED', rows: 50, invalidRows: 3, created: 0 });
    expect(dry.body.report.issues.map((i: any) => [i.row, i.column, i.code])).toEqual([
      [6, 'person_rut', 'INVALID_RUT'],
      [21, 'omil_commune', 'UNKNOWN_COMMUNE'],
      [43, 'start_date', 'RULE'],
    ]);
    expect(await placementsIn(url)).toBe(before);

    const fixed = csv([HEADER, ...rows], { delimiter: ';' });
    const checkOnly = await importFile(url, 'placements', fixed, token, { dryRun: true });
    expect(checkOnly.body.report).toMatchObject({ status: 'CHECKED', rows: 50, invalidRows: 0, created: 0 });
    const head = await outboxHead(platform().subgraphs.placements);
    const commit = await importFile(url, 'placements', fixed, token);
    expect(commit.status).toBe(200);
    expect(commit.body.report).toMatchObject({ status: 'COMMITTED', rows: 50, created: 50, unchanged: 0 });
    expect(await placementsIn(url)).toBe(before + 50);
    // The same events as registerPlacement, one per placement, with its id.
    const events = await outboxAfter(platform().subgraphs.placements, head);
    expect(events.map((e) => e.type)).toEqual(Array(50).fill('placements.placement_registered'));
    expect(new Set(events.map((e) => e.payload.placementId)).size).toBe(50);
    expect(events.every((e) => Number.isInteger(e.payload.placementId) && e.payload.placementId > 16914)).toBe(true);
    // Each event's id is the placement written for that row (ids come back in the insert's order).
    const written = await platform()
      .subgraphs.placements.db!.em.fork()
      .find(Placement, { id: { $in: events.map((e) => e.payload.placementId) } });
    const byId = new Map(written.map((p) => [p.id, `${p.personId}|${p.employerId}|${p.startDate}`]));
    for (const e of events)
      expect(byId.get(e.payload.placementId)).toBe(`${e.payload.personId}|${e.payload.employerId}|${e.payload.startDate}`);

    const again = await importFile(url, 'placements', fixed, token);
    expect(again.body.report).toMatchObject({ status: 'COMMITTED', rows: 50, created: 0, unchanged: 50 });
    expect(await placementsIn(url)).toBe(before + 50);

    const listed = await data(
      url,
      '{ placementsImports(first: 5) { kind fileName sha256 status rows created unchanged progress } }',
      {},
      token,
    );
    expect(listed.placementsImports.map((r: any) => r.status)).toEqual(['COMMITTED', 'COMMITTED', 'CHECKED', 'REJECTED']);
    expect(listed.placementsImports[0]).toMatchObject({ kind: 'placements', rows: 50, created: 0, unchanged: 50, progress: 50 });
    expect(listed.placementsImports[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads Windows-1252 with ";" and decimal commas, and XLSX; a corrected file adds only its new rows', async () => {
    const { url } = platform();
    const token = await omilToken('10101');
    const before = await placementsIn(url);
    const win = csv([HEADER, ...[50, 51].map(row)], { delimiter: ';', encoding: 'win1252' });
    expect((await importFile(url, 'placements', win, token)).body.report).toMatchObject({ status: 'COMMITTED', created: 2 });
    const book = await xlsx([HEADER, ...[50, 51, 52, 53].map(row)]);
    const second = await importFile(url, 'placements', book, token, { fileName: 'placements.xlsx' });
    expect(second.body.report).toMatchObject({ status: 'COMMITTED', rows: 4, created: 2, unchanged: 2 });
    expect(await placementsIn(url)).toBe(before + 4);
  });

  it('refuses a file for another commune, and no token', async () => {
    const { url } = platform();
    const token = await omilToken('10102');
    const refused = await importFile(url, 'placements', csv([HEADER, row(54)]), token);
    expect(refused.status).toBe(403);
    expect(refused.body.report.issues[0]).toMatchObject({ row: 2, column: 'omil_commune', code: 'FORBIDDEN' });
    const anonymous = await importFile(url, 'placements', csv([HEADER, row(54)]), null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
