import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readTable } from '../../kit/files/read';

const dir = mkdtempSync(join(tmpdir(), 'lle-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function saved(name: string, book: ExcelJS.Workbook): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(await book.xlsx.writeBuffer()));
  return path;
}

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

  // exceljs's one-pass stream reader lost the shared strings and the workbook about once in 1,000
  // reads of this file with other processes busy (exceljs#3064): the file was refused as unreadable.
  it('reads the same file 1,000 times, 8 at a time, whole every time', async () => {
    const expected = JSON.stringify(await rows(template));
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 1000; i += 8) {
      const batch = await Promise.all(
        Array.from({ length: 8 }, () =>
          rows(template).then(
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
    for (let i = 0; i < 20; i++) {
      expect(await code(rows(truncated))).toBe('UNREADABLE_XLSX');
      expect(await code(rows(noWorkbook))).toBe('UNREADABLE_XLSX');
    }
    const previous = process.env.IMPORT_MAX_UNZIPPED_BYTES;
    process.env.IMPORT_MAX_UNZIPPED_BYTES = '100';
    try {
      for (let i = 0; i < 20; i++) expect(await code(rows(template))).toBe('XLSX_TOO_LARGE');
    } finally {
      if (previous === undefined) delete process.env.IMPORT_MAX_UNZIPPED_BYTES;
      else process.env.IMPORT_MAX_UNZIPPED_BYTES = previous;
    }
    // A reader stopped early (the first row only): its parts' streams are closed too.
    for (let i = 0; i < 20; i++) {
      for await (const row of readTable(template, 'xlsx')) {
        expect(row.row).toBe(1);
        break;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(openFiles()).toBeLessThanOrEqual(before);
  });
});
