import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ageAt } from '../../domain/classifications';
import { addDays, today } from '../../kit/dates';
import { formatRut } from '../../kit/rut';
import { network } from '../../seed/network';
import { main as importCli } from '../../scripts/import';
import { data } from '../support/graphql';
import { describeEachDatabase } from '../support/platform';
import { csv, importFile, omilToken } from './support';
import { claimingParts } from '../support/zip';
import { importSlots } from '../../kit/imports/http';

const net = network();
const START = addDays(today(), -5);
const people = net.persons
  .filter(
    (p) => p.omilCommuneCode === '10103' && p.registeredAt < START && ageAt(p.birthDate, START) >= 25 && ageAt(p.birthDate, START) <= 60,
  )
  .slice(0, 5);
const HEADER = ['person_rut', 'employer_rut', 'omil_commune', 'start_date', 'occupation_code', 'contract_type', 'monthly_wage'];
const row = (i: number) => [formatRut(people[i].rut), formatRut(net.employers[i].rut), '10103', START, '5223', 'INDEFINITE', '650000'];
const good = () => [HEADER, row(0), row(1)];
const STATS = `{ placementStats(filter: { communes: ["10103"] }) { placements } }`;

describeEachDatabase('broken files', (platform) => {
  let token: string;
  let before: number;
  beforeAll(async () => {
    token = await omilToken('10103');
    before = (await data(platform().url, STATS)).placementStats[0]?.placements ?? 0;
  });

  const refused = async (body: Buffer | string, code: string, status = 400) => {
    const answer = await importFile(platform().url, 'placements', body, token);
    expect(answer.status).toBe(status);
    expect(answer.body.report?.fileError?.code ?? answer.body.errors?.[0]?.extensions?.code).toBe(code);
    if (answer.body.report) expect(answer.body.report.created).toBe(0);
    return answer.body;
  };

  it.each([
    ['an empty file', '', 'EMPTY_FILE'],
    ['only a header', `${HEADER.join(',')}\r\n`, 'NO_ROWS'],
    ['a missing column', csv(good().map((r) => r.slice(1))), 'MISSING_COLUMNS'],
    ['an extra column', csv(good().map((r, i) => [...r, i ? 'x' : 'comentario'])), 'UNKNOWN_COLUMNS'],
    ['a quote left open', `${HEADER.join(',')}\r\n"${row(0).join(',')}\r\n`, 'UNCLOSED_QUOTE'],
    ['a 1 MB cell', csv([HEADER, [...row(0).slice(0, 6), 'x'.repeat(1024 * 1024)]]), 'CELL_TOO_LARGE'],
    [
      'UTF-16 (a wrong encoding)',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(good()).toString(), 'utf16le')]),
      'WRONG_ENCODING',
    ],
  ])('%s: a coded error, nothing written', async (_name, body, code) => {
    await refused(body, code);
  });

  it('rows with formulas, duplicated rows and cells beyond the header: each row reported', async () => {
    const rows = [HEADER, row(0), row(0), [...row(1).slice(0, 6), '=HYPERLINK("http://x.example","pago")'], [...row(2), '', 'sobra']];
    const body = await refused(csv(rows), 'IMPORT_REJECTED', 422);
    expect(body.report.issues.map((i: any) => [i.row, i.column, i.code])).toEqual([
      [3, '', 'DUPLICATE_IN_FILE'],
      [4, 'monthly_wage', 'FORMULA'],
      [5, '', 'EXTRA_CELLS'],
    ]);
  });

  it('an XLSX formula cell is refused as such', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('x');
    sheet.addRow(HEADER);
    sheet.addRow([...row(0).slice(0, 6), { formula: '600000+50000', result: 650000 }]);
    const body = await refused(Buffer.from(await book.xlsx.writeBuffer()), 'IMPORT_REJECTED', 422);
    expect(body.report.issues[0]).toMatchObject({ row: 2, column: 'monthly_wage', code: 'FORMULA' });
  });

  it('an XLSX that unpacks past IMPORT_MAX_UNZIPPED_BYTES (a zip bomb) is refused before a cell is read', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('x');
    sheet.addRow(HEADER);
    // 2,000 distinct shared strings of 3,000 characters: about 6 MB unpacked from a file of a few KB.
    for (let i = 0; i < 2000; i++) sheet.addRow([...row(0).slice(0, 6), `${i}${'9'.repeat(3000)}`]);
    const file = Buffer.from(await book.xlsx.writeBuffer());
    expect(file.length).toBeLessThan(200_000);
    const previous = process.env.IMPORT_MAX_UNZIPPED_BYTES;
    process.env.IMPORT_MAX_UNZIPPED_BYTES = String(1024 * 1024);
    try {
      const body = await refused(file, 'XLSX_TOO_LARGE');
      expect(body.report.fileError.message).toMatch(/unpacks to more than 1048576 bytes/);
    } finally {
      if (previous === undefined) delete process.env.IMPORT_MAX_UNZIPPED_BYTES;
      else process.env.IMPORT_MAX_UNZIPPED_BYTES = previous;
    }
  });

  it('an XLSX cell over 10,000 characters stops the file, as in a CSV', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRows([HEADER, [...row(0).slice(0, 6), 'x'.repeat(20_000)]]);
    await refused(Buffer.from(await book.xlsx.writeBuffer()), 'CELL_TOO_LARGE');
  });

  it('an XLSX cut short (an interrupted upload) is refused as UNREADABLE_XLSX, not left waiting', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRows(good());
    const file = Buffer.from(await book.xlsx.writeBuffer());
    await refused(file.subarray(0, Math.floor(file.length * 0.6)), 'UNREADABLE_XLSX');
  });

  it('an XLSX whose zip directory claims 4,294,967,295 parts is refused at once as XLSX_TOO_LARGE (it exhausted the heap)', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRows(good());
    const body = await refused(claimingParts(Buffer.from(await book.xlsx.writeBuffer()), 4_294_967_295n), 'XLSX_TOO_LARGE');
    expect(body.report.fileError.message).toMatch(/more than 5,000 parts/);
  });

  it('a NUL character past the first 64 KB (where the encoding is sniffed) stops the file as binary', async () => {
    const filler = Array.from({ length: 800 }, () => row(0).map((c, i) => (i === 6 ? 'x'.repeat(90) : c)));
    const body = Buffer.concat([csv([HEADER, ...filler]), Buffer.from(`${row(1).slice(0, 6).join(',')},65\u0000000\r\n`)]);
    expect(body.length).toBeGreaterThan(64 * 1024);
    const answer = await importFile(platform().url, 'placements', body, token);
    expect(answer.status).toBe(400);
    expect(answer.body.report.fileError).toMatchObject({ code: 'WRONG_ENCODING' });
  });

  it('an undeclared purpose refuses the file with 400 BAD_USER_INPUT (its RUT lookups would read personal data), and a file name is recorded printable', async () => {
    const refusedPurpose = await importFile(platform().url, 'placements', csv(good()), token, {
      dryRun: true,
      headers: { 'x-purpose': 'nope' },
    });
    expect(refusedPurpose.status).toBe(400);
    expect(refusedPurpose.body.report.fileError.code).toBe('BAD_USER_INPUT');
    expect(refusedPurpose.body.report.fileError.message).toMatch(/x-purpose/);
    const named = await importFile(platform().url, 'placements', csv(good()), token, {
      dryRun: true,
      fileName: `a\u0000b${'c'.repeat(400)}.csv`,
    });
    expect(named.status).toBe(200);
    expect(named.body.report.fileName).toBe(`ab${'c'.repeat(253)}`);
  });

  it('an import past IMPORT_CONCURRENCY is refused with 429 and Retry-After before its body is read; once a slot frees, it runs', async () => {
    const previous = process.env.IMPORT_CONCURRENCY;
    process.env.IMPORT_CONCURRENCY = '1';
    const held = importSlots.acquire()!;
    try {
      const res = await fetch(`${platform().url.replace(/\/graphql$/, '')}/imports/placements?dryRun=true`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: new Uint8Array(csv(good())),
      });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('30');
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    } finally {
      held();
      if (previous === undefined) delete process.env.IMPORT_CONCURRENCY;
      else process.env.IMPORT_CONCURRENCY = previous;
    }
    expect((await importFile(platform().url, 'placements', csv(good()), token, { dryRun: true })).status).toBe(200);
  });

  it('a file over the size limit: 413 PAYLOAD_TOO_LARGE', async () => {
    const previous = process.env.IMPORT_MAX_BYTES;
    process.env.IMPORT_MAX_BYTES = '200';
    try {
      await refused(csv([HEADER, ...[0, 1, 2, 3].map(row)]), 'PAYLOAD_TOO_LARGE', 413);
    } finally {
      if (previous === undefined) delete process.env.IMPORT_MAX_BYTES;
      else process.env.IMPORT_MAX_BYTES = previous;
    }
  });

  it('the CLI prints the report and writes it as CSV beside the file (dry run)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lle-cli-'));
    try {
      const file = join(dir, 'colocaciones.csv');
      const wrong = row(3);
      wrong[3] = addDays(today(), 30);
      writeFileSync(file, csv([HEADER, row(3), wrong]));
      const lines: string[] = [];
      const code = await importCli(['--kind', 'placements', '--file', file, '--dry-run', '--token', token, '--url', platform().url], (l) =>
        lines.push(l),
      );
      expect(code).toBe(1);
      expect(lines[0]).toMatch(/^placements colocaciones\.csv .*REJECTED \(dry run\) — 2 rows, 1 with problems, 0 written/);
      expect(lines[1]).toMatch(/^row 3 {2}start_date .* RULE: .* is in the future/);
      const report = readFileSync(`${file}.report.csv`, 'utf8')
        .replace(/^\uFEFF/, '')
        .split('\r\n');
      expect(report[0]).toBe('fila;columna;valor;codigo;motivo');
      expect(report[1]).toMatch(/^3;start_date;\d{4}-\d{2}-\d{2};RULE;/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('after all of them, nothing was written', async () => {
    expect((await data(platform().url, STATS)).placementStats[0]?.placements ?? 0).toBe(before);
    const imports = await data(platform().url, '{ placementsImports(first: 100) { status created } }', {}, token);
    expect(imports.placementsImports.length).toBe(18); // every file above but the oversized one, refused before it reached the subgraph
    // The dry runs of a good file (a long name; after a slot freed) passed (CHECKED); the others were refused.
    expect(imports.placementsImports.filter((r: any) => r.status === 'CHECKED').length).toBe(2);
    expect(imports.placementsImports.every((r: any) => ['REJECTED', 'CHECKED'].includes(r.status) && r.created === 0)).toBe(true);
  });
});
