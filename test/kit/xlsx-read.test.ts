import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readTable, xlsxRowsInThread } from '../../kit/files/read';
import { MAX_HELD_TAGS, MAX_PARTS } from '../../kit/files/xlsx-parts';
import { claimingParts, unzipParts, zipOf } from '../support/zip';
import { save as saveFile } from '../imports/support';

const dir = mkdtempSync(join(tmpdir(), 'lle-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file of this test's directory, as the imports' tests save theirs. */
const save = (name: string, bytes: Buffer) => saveFile(join(dir, name), bytes);
const saved = async (name: string, book: ExcelJS.Workbook) => save(name, Buffer.from(await book.xlsx.writeBuffer()));

async function rows(path: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const row of readTable(path, 'xlsx')) out.push(row.cells);
  return out;
}

async function code(read: Promise<unknown>): Promise<string> {
  try {
    await read;
    return 'read';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

const openFiles = () => readdirSync('/proc/self/fd').length;

describe('reading an XLSX', () => {
  let template: string;
  beforeAll(async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('datos');
    sheet.addRow(['rut', 'comuna', 'fecha', 'sueldo']);
    sheet.addRow(['12.345.678-5', 'Puerto Montt', new Date(Date.UTC(2026, 10, 25)), 650000]);
    sheet.addRow([]);
    sheet.addRow(['9.876.543-3', 'Ñuble', '25-11-2026', '700.000']);
    template = await saved('template.xlsx', book);
  });

  it('gives the first sheet as text: shared strings, dates by their style, numbers; blank rows skipped, row numbers kept', async () => {
    const read: { row: number; cells: string[] }[] = [];
    for await (const row of readTable(template, 'xlsx')) read.push(row);
    expect(read).toEqual([
      { row: 1, cells: ['rut', 'comuna', 'fecha', 'sueldo'] },
      { row: 2, cells: ['12.345.678-5', 'Puerto Montt', '2026-11-25', '650000'] },
      { row: 4, cells: ['9.876.543-3', 'Ñuble', '25-11-2026', '700.000'] },
    ]);
  });

  it('reads the first tab even when its part is not sheet1.xml (tabs reordered)', async () => {
    const book = new ExcelJS.Workbook();
    const second = book.addWorksheet('segunda');
    second.addRow(['no']);
    const first = book.addWorksheet('primera');
    first.addRow(['sí']);
    // exceljs writes the tab order (orderNo, not in its typings) into workbook.xml; the parts keep their numbers.
    Object.assign(second, { orderNo: 1 });
    Object.assign(first, { orderNo: 0 });
    expect(await rows(await saved('tabs.xlsx', book))).toEqual([['sí']]);
  });

  it('skips a hidden first tab (a template keeping its lists there): the first visible one is read', async () => {
    const book = new ExcelJS.Workbook();
    const lists = book.addWorksheet('listas');
    lists.addRow(['ORIENTATION']);
    lists.state = 'hidden';
    book.addWorksheet('datos').addRow(['rut']);
    expect(await rows(await saved('hidden.xlsx', book))).toEqual([['rut']]);
  });

  it('reads a blank cell in the middle of a row (no cell at all in the file, as Excel writes it) as empty text', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('datos').addRows([
      ['rut', 'nombre', 'comuna'],
      ['1-9', null, 'Osorno'],
    ]);
    expect(await rows(await saved('blank.xlsx', book))).toEqual([
      ['rut', 'nombre', 'comuna'],
      ['1-9', '', 'Osorno'],
    ]);
  });

  it("reads the parts in LibreOffice's order (the sheet before the workbook) and a zip with a long comment", async () => {
    const parts = new Map(await unzipParts(readFileSync(template)));
    const order = [
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/worksheets/sheet1.xml',
      'xl/styles.xml',
      'xl/workbook.xml',
    ];
    const reordered = [...order, ...[...parts.keys()].filter((name) => !order.includes(name))].map(
      (name) => [name, parts.get(name)!] as [string, Buffer],
    );
    const expected = await rows(template);
    expect(await rows(save('libreoffice.xlsx', zipOf(reordered)))).toEqual(expected);
    expect(await rows(save('comment.xlsx', zipOf([...parts], { comment: 'Exportado por la OMIL de Osorno. '.repeat(6) })))).toEqual(
      expected,
    );
  });

  it(`refuses a directory claiming more than ${MAX_PARTS} parts at once (a 4,294,967,295 claim exhausted the heap), and one that lies about its size`, async () => {
    const bytes = readFileSync(template);
    const started = Date.now();
    expect(await code(rows(save('claims.xlsx', claimingParts(bytes, 4_294_967_295n))))).toBe('XLSX_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(5_000);
    const many = zipOf(Array.from({ length: MAX_PARTS + 1 }, (_, i) => [`x/${i}.bin`, Buffer.from('A')] as [string, Buffer]));
    expect(await code(rows(save('many.xlsx', many)))).toBe('XLSX_TOO_LARGE');
    // A count the directory cannot hold (46 bytes an entry at least).
    await expect(rows(save('lying.xlsx', claimingParts(bytes, 1_000n)))).rejects.toMatchObject({
      code: 'UNREADABLE_XLSX',
      message: expect.stringMatching(/a damaged zip directory/),
    });
  });

  it(`refuses shared strings past ${MAX_HELD_TAGS} XML tags before reading them (4,000,000 one-run strings, 240 KB zipped, took 1.4 GB)`, async () => {
    const parts = await unzipParts(readFileSync(template));
    const strings = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><r><t>x</t></r></si>'.repeat(MAX_HELD_TAGS / 6 + 1)}</sst>`;
    const bomb = zipOf(parts.map(([name, data]) => [name, name === 'xl/sharedStrings.xml' ? Buffer.from(strings) : data]));
    expect(bomb.length).toBeLessThan(1_000_000);
    const before = process.memoryUsage().rss;
    expect(await code(rows(save('strings.xlsx', bomb)))).toBe('XLSX_TOO_LARGE');
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
  });

  it('reads in a worker thread with a heap of its own: out of memory, the file is refused and this process goes on', async () => {
    const parts = await unzipParts(readFileSync(template));
    // 1,200,000 one-run strings: under every count, but some 200 MB of exceljs's objects.
    const strings = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><r><t>x</t></r></si>'.repeat(1_200_000)}</sst>`;
    const heavy = save(
      'heavy.xlsx',
      zipOf(parts.map(([name, data]) => [name, name === 'xl/sharedStrings.xml' ? Buffer.from(strings) : data])),
    );
    const previous = process.env.IMPORT_XLSX_HEAP_MB;
    // 64 MB (the least the setting takes): the template is read, the heavy file is not.
    process.env.IMPORT_XLSX_HEAP_MB = '16';
    try {
      expect(await rows(template)).toHaveLength(3);
      let message = '';
      const refused = await rows(heavy).then(
        () => 'read',
        (error: { code: string; message: string }) => ((message = error.message), error.code),
      );
      expect(refused).toBe('XLSX_TOO_LARGE');
      expect(message).toMatch(/needs more than 64 MB to read \(IMPORT_XLSX_HEAP_MB\)/);
    } finally {
      if (previous === undefined) delete process.env.IMPORT_XLSX_HEAP_MB;
      else process.env.IMPORT_XLSX_HEAP_MB = previous;
    }
    // With the default heap the same file is read (its text cells now point at the strings "x").
    expect(await rows(heavy)).toEqual([
      ['x', 'x', 'x', 'x'],
      ['x', 'x', '2026-11-25', '650000'],
      ['x', 'x', 'x', 'x'],
    ]);
  });

  it('brings rows over in batches: order and row numbers kept past 500 rows, rows before a bad cell kept, a text shared by every cell sent once a batch', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('datos');
    for (let i = 1; i <= 1_200; i++) sheet.addRow([`fila ${i}`, i]);
    sheet.getCell('A1101').value = 'x'.repeat(20_000);
    const read: { row: number; cells: string[] }[] = [];
    let refused = '';
    try {
      for await (const row of readTable(await saved('long.xlsx', book), 'xlsx')) read.push(row);
    } catch (error) {
      refused = (error as { code: string }).code;
    }
    expect(refused).toBe('CELL_TOO_LARGE');
    expect(read).toHaveLength(1_100);
    expect(read.every((r, i) => r.row === i + 1 && r.cells[0] === `fila ${i + 1}` && r.cells[1] === String(i + 1))).toBe(true);

    // 2,000 rows of 20 cells, every one the same 10,000-character shared string: 800 MB as copies.
    const same = new ExcelJS.Workbook();
    const wide = same.addWorksheet('datos');
    const text = 'ñ'.repeat(10_000);
    for (let i = 0; i < 2_000; i++) wide.addRow(Array.from({ length: 20 }, () => text));
    const path = await saved('same.xlsx', same);
    const before = process.memoryUsage().heapUsed;
    const kept = await rows(path);
    expect(kept).toHaveLength(2_000);
    expect(kept[1_999][19]).toBe(text);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses parts that share their bytes (each would be inflated again) and a row with a cell past column 1,024', async () => {
    const parts = await unzipParts(readFileSync(template));
    const good = zipOf(parts);
    // Two directory entries on one part's bytes: the second entry copied, renamed to the same length.
    const end = good.length - 22;
    const start = good.readUInt32LE(end + 16);
    const first = good.subarray(start, start + 46 + good.readUInt16LE(start + 28));
    const copy = Buffer.from(first);
    copy.write('Z', 46 + copy.readUInt16LE(28) - 1);
    const shared = Buffer.concat([good.subarray(0, end), copy, good.subarray(end)]);
    shared.writeUInt16LE(parts.length + 1, shared.length - 22 + 8);
    shared.writeUInt16LE(parts.length + 1, shared.length - 22 + 10);
    shared.writeUInt32LE(good.readUInt32LE(end + 12) + copy.length, shared.length - 22 + 12);
    expect(await code(rows(save('shared.xlsx', shared)))).toBe('UNREADABLE_XLSX');

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('datos');
    sheet.addRow(['rut']);
    sheet.getCell('AMK2').value = 'x'; // column 1,025
    expect(await code(rows(await saved('wide.xlsx', book)))).toBe('TOO_MANY_COLUMNS');
  });

  // exceljs's one-pass stream reader lost the shared strings and the workbook about once in 1,000
  // reads of this file with other processes busy (exceljs#3064): the file was refused as unreadable.
  it('reads the same file 1,000 times, 8 at a time, whole every time (in one thread, as the worker does)', async () => {
    const inThread = async (path: string) => {
      const out: string[][] = [];
      for await (const row of xlsxRowsInThread(path)) out.push(row.cells);
      return out;
    };
    const expected = JSON.stringify(await rows(template));
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 1000; i += 8) {
      const batch = await Promise.all(
        Array.from({ length: 8 }, () =>
          inThread(template).then(
            (r) => (JSON.stringify(r) === expected ? 'whole' : `other: ${JSON.stringify(r)}`),
            (error: { code?: string }) => `refused: ${error.code}`,
          ),
        ),
      );
      for (const o of batch) outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
    }
    expect([...outcomes]).toEqual([['whole', 1000]]);
  });

  it('refuses what is not a workbook as UNREADABLE_XLSX, a zip bomb as XLSX_TOO_LARGE, and leaves no file open', async () => {
    const bytes = readFileSync(template);
    const truncated = join(dir, 'truncated.xlsx');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const noWorkbook = join(dir, 'not-a-book.xlsx');
    writeFileSync(noWorkbook, bytes.subarray(0, 4));

    const before = openFiles();
    for (let i = 0; i < 5; i++) {
      expect(await code(rows(truncated))).toBe('UNREADABLE_XLSX');
      expect(await code(rows(noWorkbook))).toBe('UNREADABLE_XLSX');
    }
    const previous = process.env.IMPORT_MAX_UNZIPPED_BYTES;
    process.env.IMPORT_MAX_UNZIPPED_BYTES = '100';
    try {
      for (let i = 0; i < 5; i++) expect(await code(rows(template))).toBe('XLSX_TOO_LARGE');
    } finally {
      if (previous === undefined) delete process.env.IMPORT_MAX_UNZIPPED_BYTES;
      else process.env.IMPORT_MAX_UNZIPPED_BYTES = previous;
    }
    // A reader stopped early (the first row only): its parts' streams are closed too.
    for (let i = 0; i < 5; i++) {
      for await (const row of readTable(template, 'xlsx')) {
        expect(row.row).toBe(1);
        break;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(openFiles()).toBeLessThanOrEqual(before);
  });
});
