import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { checkDigit } from '../../kit/rut';
import { data, tokenFor } from '../support/graphql';
import { describeEachDatabase } from '../support/platform';

const base = (url: string) => url.replace(/\/graphql$/, '');
const get = (url: string, path: string, token?: string) =>
  fetch(`${base(url)}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

/** A CSV as R or Python would read it (no quoted separators in these tables). */
const parseCsv = (text: string, sep = ',') =>
  text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) => line.split(sep));

describeEachDatabase('exports', (platform) => {
  it('acceptance: placementStats for 2022 by commune as XLSX, anonymous: 24 rows summing to 4,948', async () => {
    const res = await get(platform().url, '/export/placementStats.xlsx?years=2022&groupBy=COMMUNE');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['commune.code', 'commune.name', 'placements', 'goal', 'compliance', 'perturbed']));
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(24);
    const placements = header.indexOf('placements') + 1;
    expect(rows.reduce((sum, r) => sum + Number(r[placements]), 0)).toBe(4948);
    const code = header.indexOf('commune.code') + 1;
    expect(rows[0][code]).toBe('10101');
  });

  it('CSV: UTF-8 with BOM, ";" and decimal comma on request; perturbed cells marked as the graph marks them', async () => {
    const { url } = platform();
    const res = await get(url, '/export/placementStats.csv?years=2022&groupBy=COMMUNE,SEX,AGE_BAND&sep=;&decimal=comma');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM (fetch's text() drops it)
    const [header, ...rows] = parseCsv(bytes.toString('utf8'), ';');
    expect(header).not.toContain('suppressed'); // deprecated fields are left out
    const placements = header.indexOf('placements');
    const perturbed = header.indexOf('perturbed');
    // The graph's own answer, cell for cell: the export reads it, it does not recompute disclosure.
    const graph = (
      await data(url, '{ placementStats(filter: { years: [2022] }, groupBy: [COMMUNE, SEX, AGE_BAND]) { placements perturbed } }')
    ).placementStats;
    expect(rows.map((r) => [Number(r[placements]), r[perturbed] === 'true'])).toEqual(graph.map((g: any) => [g.placements, g.perturbed]));
    expect(rows.some((r) => r[perturbed] === 'true')).toBe(true);
    // An admin gets exact counts: nothing perturbed, summing to the headline.
    const exact = parseCsv(
      await (await get(url, '/export/placementStats.csv?years=2022&groupBy=COMMUNE,SEX,AGE_BAND', await tokenFor('admin'))).text(),
    );
    expect(exact.slice(1).every((r) => r[perturbed] === 'false')).toBe(true);
    expect(exact.slice(1).reduce((sum, r) => sum + Number(r[placements]), 0)).toBe(4948);
    const compliance = parseCsv(
      await (await get(url, '/export/placementStats.csv?years=2022&groupBy=COMMUNE&sep=;&decimal=comma')).text(),
      ';',
    );
    expect(compliance[1][compliance[0].indexOf('compliance')]).toMatch(/^\d+,\d+$/);
  });

  it('refuses a separator or decimal mark it does not know with 400 BAD_USER_INPUT (it used to fall back to a comma)', async () => {
    for (const option of ['sep=abc', 'sep=%0A', 'decimal=dot']) {
      const res = await get(platform().url, `/export/placementStats.csv?years=2022&${option}`);
      expect({ option, status: res.status }).toEqual({ option, status: 400 });
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('lists page through with the same access rules; a cell that starts with = + - @ is escaped', async () => {
    const { url } = platform();
    const token = await tokenFor('omil', ['10101']);
    const body = 99000001;
    await data(
      url,
      `mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { employer { id } } }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          rut: `${body}-${checkDigit(body)}`,
          name: '=HYPERLINK("http://x.example")',
          sector: 'A',
          ciiuClass: '0321',
          size: 'SMALL',
          communeCode: '10101',
        },
      },
      token,
    );
    const csv = await (await get(url, '/export/employers.csv?communes=10101', token)).text();
    const lines = csv.split('\r\n');
    expect(lines.some((l) => l.includes(`"'=HYPERLINK(""http://x.example"")"`))).toBe(true);
    const count = (await data(url, '{ employers(filter: { communes: ["10101"] }) { totalCount } }')).employers.totalCount;
    expect(lines.filter(Boolean)).toHaveLength(count + 1); // every page, and the header
    const refused = await get(url, '/export/placements.csv?year=2022');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const own = parseCsv(await (await get(url, '/export/placements.csv?year=2022', token)).text());
    expect(own.slice(1).length).toBeGreaterThan(100);
    expect(new Set(own.slice(1).map((r) => r[own[0].indexOf('commune.code')]))).toEqual(new Set(['10101']));
    expect((await get(url, '/export/placementStats.csv?nope=1')).status).toBe(400);
    expect((await get(url, '/export/nothing.csv')).status).toBe(404);
  });
});
