import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type ExcelJS from 'exceljs';
import { positiveIntFromEnv } from '../config';
import { startWorker } from '../worker';
import { FileError } from './file-error';
import { firstSheetRows } from './xlsx-parts';

export { FileError };

/** A table file's format, from its name or content type. */
export type TableFormat = 'csv' | 'xlsx';

/** One data row: its number as a spreadsheet shows it (the header is row 1) and its cells as text. */
export interface TableRow {
  row: number;
  cells: string[];
}

/** Longest cell accepted (characters): a larger one stops the file (csv-parse's record limit too). */
export const MAX_CELL = 10_000;

/** Widest row accepted: the templates have a few dozen columns; a cell far to the right would make every row that wide. */
export const MAX_COLUMNS = 1_024;

function checkWidth(width: number, row: number): void {
  if (width > MAX_COLUMNS) {
    throw new FileError('TOO_MANY_COLUMNS', `Row ${row} has a cell past column ${MAX_COLUMNS}: the templates have a few dozen columns`);
  }
}

/** What the first bytes of a CSV tell: its encoding (UTF-8 when valid, else Windows-1252) and separator. */
export async function sniffCsv(path: string): Promise<{ encoding: 'utf8' | 'win1252'; delimiter: ';' | ','; bom: boolean }> {
  const handle = await open(path, 'r');
  try {
    const sample = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
    const bytes = sample.subarray(0, bytesRead);
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    if (bytes.includes(0))
      throw new FileError(
        'WRONG_ENCODING',
        'The file is not text in UTF-8 or Windows-1252 (UTF-16 or binary?): save it as CSV UTF-8 or CSV',
      );
    let encoding: 'utf8' | 'win1252' = 'utf8';
    try {
      // stream: true tolerates a character cut at the end of the sample.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    } catch {
      encoding = 'win1252';
    }
    const text = encoding === 'utf8' ? bytes.toString('utf8') : iconv.decode(bytes, 'win1252');
    const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const count = (c: string) => firstLine.split(c).length - 1;
    return { encoding, delimiter: count(';') > count(',') ? ';' : ',', bom };
  } finally {
    await handle.close();
  }
}

const csvCodes: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'UNCLOSED_QUOTE',
  CSV_MAX_RECORD_SIZE: 'CELL_TOO_LARGE',
  CSV_INVALID_CLOSING_QUOTE: 'INVALID_QUOTE',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'INVALID_QUOTE',
};

/** A NUL (U+0000) in a cell: binary content, which no column holds (and which SQL text cannot carry). */
function checkNoNul(cells: string[], row: number): void {
  if (cells.some((c) => c.includes('\u0000'))) {
    throw new FileError(
      'WRONG_ENCODING',
      `Row ${row} holds a NUL character (U+0000): the file is not plain text; save it again as CSV or XLSX`,
    );
  }
}

async function* csvRows(path: string): AsyncGenerator<TableRow> {
  const { encoding, delimiter } = await sniffCsv(path);
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_CELL * 4,
    info: true,
  });
  const source = createReadStream(path).pipe(iconv.decodeStream(encoding === 'utf8' ? 'utf8' : 'win1252'));
  source.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      checkWidth(record.length, info.lines);
      checkNoNul(record, info.lines);
      yield { row: info.lines, cells: record };
    }
  } catch (error) {
    if (error instanceof FileError) throw error;
    const code = (error as { code?: string }).code ?? '';
    const line = (error as { lines?: number }).lines;
    throw new FileError(
      csvCodes[code] ?? 'UNREADABLE_CSV',
      `The CSV cannot be read${line ? ` (line ${line})` : ''}: ${(error as Error).message}`,
    );
  }
}

/** A cell of a spreadsheet as text; formulas are refused by the caller (marked with a leading "="). */
function xlsxText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return `=${(value as { formula?: string }).formula ?? ''}`;
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

/** Bytes an XLSX may unpack to: IMPORT_MAX_UNZIPPED_BYTES, default 200 MB (a 100,000-row placements sheet unpacks to about 35 MB). */
export function maxUnzippedBytes(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntFromEnv(env, 'IMPORT_MAX_UNZIPPED_BYTES', 200 * 1024 * 1024);
}

/** Heap an XLSX's reading may take (its worker thread's old generation): IMPORT_XLSX_HEAP_MB, default 1,024. */
export function xlsxHeapMb(env: NodeJS.ProcessEnv = process.env): number {
  // Below 64 MB the thread cannot even load its reader: every file would be called too large.
  return Math.max(64, positiveIntFromEnv(env, 'IMPORT_XLSX_HEAP_MB', 1024));
}

const UNREADABLE_XLSX = 'The XLSX cannot be read as a workbook: open it in Excel or LibreOffice and save it again as .xlsx, or send CSV';

/**
 * The first sheet's rows, in this thread (kit/files/xlsx-worker.ts runs it). A zip bomb stops
 * first, before a cell is read: an XLSX of a few MB can unpack to gigabytes, and its shared strings
 * are held in memory. Every part is inflated and only counted; past `maxUnzipped` bytes the file
 * is refused.
 */
export async function* xlsxRowsInThread(path: string, maxUnzipped = maxUnzippedBytes()): AsyncGenerator<TableRow> {
  try {
    for await (const row of firstSheetRows(path, maxUnzipped)) {
      const values = row.values as ExcelJS.CellValue[];
      checkWidth(values.length - 1, row.number);
      // A blank cell is no cell at all in the file, a hole in `values` (which map would keep).
      const cells = Array.from(values.slice(1), xlsxText);
      const large = cells.findIndex((c) => c.length > MAX_CELL);
      if (large >= 0) throw new FileError('CELL_TOO_LARGE', `Row ${row.number}, column ${large + 1}: a cell over ${MAX_CELL} characters`);
      checkNoNul(cells, row.number);
      if (cells.every((c) => c.trim() === '')) continue;
      yield { row: row.number, cells };
    }
  } catch (error) {
    if (error instanceof FileError) throw error;
    // What exceljs or the zip reader says is about their internals (e.g. "Cannot read properties of undefined"), not the file.
    throw new FileError('UNREADABLE_XLSX', UNREADABLE_XLSX);
  }
}

/**
 * What the XLSX worker posts: rows whose cells index `texts` (each distinct text once), the last
 * batch `done`, or the file's error after the rows read before it.
 */
export interface XlsxBatch {
  texts: string[];
  rows: { row: number; cells: number[] }[];
  done: boolean;
  error?: { code: string; message: string };
}

/**
 * The first sheet's rows, read in a worker thread with a heap of its own (IMPORT_XLSX_HEAP_MB):
 * exceljs holds the shared strings and styles whole, and a small file can describe gigabytes of
 * them in ways no count before reading catches; out of memory, the worker dies, not the process,
 * and the file is refused. Batches (at most 500 rows and about 1,000,000 characters of distinct
 * text) come one ahead of the reader. A failure of the thread itself is not the file's: it is
 * thrown as an internal error.
 */
async function* xlsxRows(path: string): AsyncGenerator<TableRow> {
  const heapMb = xlsxHeapMb();
  const worker = startWorker(require.resolve('./xlsx-worker'), { path, maxUnzipped: maxUnzippedBytes() }, 'xlsx reader', {
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  const inbox: XlsxBatch[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake = () => {};
  worker.on('message', (batch: XlsxBatch) => {
    inbox.push(batch);
    wake();
  });
  worker.on('error', (error: Error & { code?: string }) => {
    failure =
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new FileError(
            'XLSX_TOO_LARGE',
            `The XLSX needs more than ${heapMb} MB to read (IMPORT_XLSX_HEAP_MB): split it, or send it as CSV`,
          )
        : new Error(`the XLSX reader's thread failed: ${error.message}`, { cause: error });
    wake();
  });
  worker.on('exit', () => {
    exited = true;
    wake();
  });
  try {
    for (;;) {
      while (!inbox.length && !failure && !exited) await new Promise<void>((resolve) => (wake = resolve));
      const batch = inbox.shift();
      if (!batch) throw failure ?? new Error("the XLSX reader's thread stopped without an answer");
      if (!batch.done && !batch.error) worker.postMessage('more');
      for (const { row, cells } of batch.rows) yield { row, cells: cells.map((i) => batch.texts[i]) };
      if (batch.error) throw new FileError(batch.error.code, batch.error.message);
      if (batch.done) return;
    }
  } finally {
    await worker.terminate();
  }
}

/** The rows of a CSV (UTF-8 or Windows-1252, `;` or `,`) or an XLSX's first sheet, streamed. */
export function readTable(path: string, format: TableFormat): AsyncGenerator<TableRow> {
  return format === 'xlsx' ? xlsxRows(path) : csvRows(path);
}

/** The format of a file: XLSX by its zip signature, otherwise CSV. */
export async function formatOf(path: string): Promise<TableFormat> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4 ? 'xlsx' : 'csv';
  } finally {
    await handle.close();
  }
}
