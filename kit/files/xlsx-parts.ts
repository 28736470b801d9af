import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Open, type ZipEntry } from 'unzipper';

/*
 * exceljs's streaming WorkbookReader reads the zip in one pass (unzipper's Parse) and, now and then
 * under load, loses whole entries: the shared strings, the workbook (exceljs#3064; measured here:
 * about 1 read in 1,000 of a template with two other processes busy). A lost workbook throws; lost
 * shared strings would leave text cells empty. So the parts are read here through the zip's central
 * directory, each on its own stream, in the order the sheet needs them, and exceljs's own part
 * parsers (pinned at exactly 4.4.0 in package.json) do the parsing.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const iterateStream = require('exceljs/lib/utils/iterate-stream') as (stream: Readable) => AsyncIterable<Buffer>;

/** The part of exceljs 4.4.0's WorkbookReader used here (not in its typings). */
interface WorkbookReaderParts {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string }[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Iterable<{ value: AsyncIterable<ExcelJS.Row> }>;
}

interface Zip {
  /** Its files (directories left out), by path. */
  files: Map<string, ZipEntry>;
  /** Closes every file handle still open (a read stopped early leaves unzipper's source open). */
  close(): void;
}

/** A zip on disk, read through its central directory. */
async function openZip(path: string): Promise<Zip> {
  const open = new Set<Readable>();
  const source = {
    size: async () => (await stat(path)).size,
    stream(offset: number, length?: number) {
      const stream = createReadStream(path, { start: offset, end: length ? offset + length : undefined });
      open.add(stream);
      stream.once('close', () => open.delete(stream));
      return stream;
    },
  };
  const close = () => {
    for (const stream of open) stream.destroy();
  };
  try {
    const zip = await Open.custom(source);
    return { files: new Map(zip.files.filter((f) => f.type === 'File').map((f) => [f.path, f])), close };
  } catch (error) {
    close();
    throw error;
  }
}

/** Inflates every file of the zip, counting bytes (declared sizes can lie); throws `tooLarge()` past `limit`. */
export async function checkUnzippedSize(path: string, limit: number, tooLarge: () => Error): Promise<void> {
  const zip = await openZip(path);
  try {
    let total = 0;
    for (const file of zip.files.values()) {
      for await (const chunk of file.stream()) {
        total += (chunk as Buffer).length;
        if (total > limit) throw tooLarge();
      }
    }
  } finally {
    zip.close();
  }
}

/** The workbook's first sheet (its first tab, else the lowest-numbered sheet): its path in the zip. */
function firstSheet(reader: WorkbookReaderParts, files: Map<string, ZipEntry>): string | undefined {
  const rId = reader.model?.sheets?.[0]?.rId;
  const target = reader.workbookRels?.find((r) => r.Id === rId)?.Target;
  if (target) {
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    if (files.has(path)) return path;
  }
  const number = (p: string) => Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(p)?.[1] ?? NaN);
  return [...files.keys()].filter((p) => number(p) >= 0).sort((a, b) => number(a) - number(b))[0];
}

/**
 * The rows of an XLSX's first sheet, streamed (the sheet is never held whole; the shared strings
 * are, as exceljs caches them). Throws on a file that is not a workbook.
 */
export async function* firstSheetRows(path: string): AsyncGenerator<ExcelJS.Row> {
  const zip = await openZip(path);
  try {
    yield* sheetRows(zip.files, path);
  } finally {
    zip.close();
  }
}

async function* sheetRows(files: Map<string, ZipEntry>, path: string): AsyncGenerator<ExcelJS.Row> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  }) as unknown as WorkbookReaderParts;
  const part = (name: string) => files.get(name)?.stream();

  // What a sheet's cells need comes first: the relations and the workbook (which sheet is first),
  // the shared strings (text cells) and the styles (which numbers are dates).
  const book = part('xl/workbook.xml');
  if (!book) throw new Error('no xl/workbook.xml');
  const rels = part('xl/_rels/workbook.xml.rels');
  if (rels) await reader._parseRels(rels);
  await reader._parseWorkbook(book);
  const strings = part('xl/sharedStrings.xml');
  if (strings) for await (const _ of reader._parseSharedStrings(strings));
  const styles = part('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);

  const sheet = firstSheet(reader, files);
  if (!sheet) return;
  const sheetNo = /(\d+)\.xml$/.exec(sheet)?.[1] ?? '1';
  for (const { value } of reader._parseWorksheet(iterateStream(files.get(sheet)!.stream()), sheetNo)) yield* value;
}
