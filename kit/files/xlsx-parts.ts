import { open, type FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Open, type ZipEntry } from 'unzipper';
import { FileError } from './file-error';

/*
 * exceljs's streaming WorkbookReader reads the zip in one pass (unzipper's Parse). Under load it
 * now and then skipped parts: in a failed read of our own template the shared strings and the
 * workbook were never parsed, though the styles stored between them were, and it threw
 * (exceljs#3064; about 1 read in 1,000 with two other processes busy). It always threw on parts
 * in LibreOffice's order (a sheet before the workbook), and waited forever on a file cut short.
 * So the parts are read here through the zip's central directory, each on its own stream, in the
 * order the sheet needs them, and exceljs's own part parsers (pinned at exactly 4.4.0 in
 * package.json) do the parsing.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const iterateStream = require('exceljs/lib/utils/iterate-stream') as (stream: Readable) => AsyncIterable<Buffer>;

/** The part of exceljs 4.4.0's WorkbookReader used here (not in its typings). */
interface WorkbookReaderParts {
  workbookRels?: { Id: string; Type: string; Target: string }[];
  model?: { sheets?: { rId: string; state?: string }[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Iterable<{ value: AsyncIterable<ExcelJS.Row> }>;
}

/** Parts an XLSX may have (a workbook has a dozen or so; a sheet, image or chart adds two or three). */
export const MAX_PARTS = 5_000;

const unreadable = (why: string) =>
  new FileError('UNREADABLE_XLSX', `The XLSX cannot be read as a workbook (${why}): save it again from Excel or LibreOffice, or send CSV`);

/** Where a zip's central directory lies, and its end: the end-of-directory record, or its ZIP64 form. */
interface Directory {
  /** The end record's offset: unzipper reads from there. */
  end: number;
  parts: number;
}

/**
 * Reads the zip's directory bounds itself, before unzipper does: unzipper walks an array of as
 * many entries as the file claims (a 1.5 KB file claiming 4,294,967,295 exhausted the heap), so
 * the count is checked against MAX_PARTS and against the directory's size first.
 */
async function directoryOf(handle: FileHandle, size: number): Promise<Directory> {
  // The end record (22 bytes) and its comment (at most 65,535): the last record whose comment fits
  // in the file (bytes after it are tolerated, as zip readers do).
  const tailStart = Math.max(0, size - 22 - 65_535);
  const tail = Buffer.alloc(size - tailStart);
  await handle.read(tail, 0, tail.length, tailStart);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50 && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) throw unreadable('no zip directory');
  let parts = tail.readUInt16LE(at + 10);
  let directorySize = tail.readUInt32LE(at + 12);
  let directoryStart = tail.readUInt32LE(at + 16);
  let directoryEnd = tailStart + at;
  // ZIP64 exactly when unzipper takes it to be (its count or offset at their maximum), so both read the same count.
  if (parts === 0xffff || directoryStart === 0xffffffff) {
    // ZIP64: a locator just before the end record points at the 64-bit record.
    const locator = Buffer.alloc(20);
    if (directoryEnd < 20) throw unreadable('a ZIP64 directory without its locator');
    await handle.read(locator, 0, 20, directoryEnd - 20);
    if (locator.readUInt32LE(0) !== 0x07064b50) throw unreadable('a ZIP64 directory without its locator');
    const recordAt = Number(locator.readBigUInt64LE(8));
    const record = Buffer.alloc(56);
    if (recordAt + 56 > directoryEnd - 20) throw unreadable('a ZIP64 record out of place');
    await handle.read(record, 0, 56, recordAt);
    if (record.readUInt32LE(0) !== 0x06064b50) throw unreadable('a ZIP64 record out of place');
    const big = (offset: number) => Math.min(Number(record.readBigUInt64LE(offset)), Number.MAX_SAFE_INTEGER);
    parts = big(32);
    directorySize = big(40);
    directoryStart = big(48);
    directoryEnd = recordAt;
  }
  if (parts > MAX_PARTS) {
    throw new FileError('XLSX_TOO_LARGE', `The XLSX has more than ${MAX_PARTS.toLocaleString('en')} parts: split it, or send it as CSV`);
  }
  // Each directory entry takes at least 46 bytes, and the directory lies before its end record.
  if (parts * 46 > directorySize || directoryStart + directorySize > directoryEnd) throw unreadable('a damaged zip directory');
  return { end: tailStart + at, parts };
}

interface Zip {
  /** Its files (directories left out), by path. */
  files: Map<string, ZipEntry>;
  /** Ends every stream still reading and closes the file (a read stopped early leaves unzipper's streams open). */
  close(): Promise<void>;
}

/**
 * Bytes [start, end) of an open file, as a stream that never closes the file (fs streams close
 * their descriptor when destroyed, even with autoClose off, and unzipper destroys each it is done
 * with). unzipper listens only on what it pipes into, so a read error must not be emitted here:
 * the stream ends short instead.
 */
function rangeOf(handle: FileHandle, start: number, end: number): Readable {
  let position = start;
  const stream = new Readable({
    read(size) {
      const want = Math.min(size, end - position);
      if (want <= 0) {
        this.push(null);
        return;
      }
      handle.read(Buffer.allocUnsafe(want), 0, want, position).then(
        ({ bytesRead, buffer }) => {
          position += bytesRead;
          this.push(bytesRead ? buffer.subarray(0, bytesRead) : null);
        },
        // A read error ends the part early: unzipper then fails it (FILE_ENDED) instead of waiting forever.
        () => this.push(null),
      );
    },
  });
  return stream;
}

/**
 * Each part's bytes lie apart, before the directory: entries sharing one part's bytes would have
 * them inflated once each (5,000 entries on one 45 MB run of empty deflate blocks: some 20 minutes
 * of CPU, and nothing counted, as it inflates to nothing). No zip writer shares bytes.
 */
function checkNoOverlap(files: ZipEntry[], directoryEnd: number): void {
  const sorted = [...files].sort((a, b) => a.offsetToLocalFileHeader - b.offsetToLocalFileHeader);
  sorted.forEach((file, i) => {
    // The local header (30 bytes and the name, at least) and the packed bytes, before the next part.
    const ends = file.offsetToLocalFileHeader + 30 + file.pathBuffer.length + file.compressedSize;
    const next = i + 1 < sorted.length ? sorted[i + 1].offsetToLocalFileHeader : directoryEnd;
    if (ends > next) throw unreadable('parts that overlap');
  });
}

/** A zip on disk, its directory checked, read through one file handle. */
async function openZip(path: string): Promise<Zip> {
  const handle = await open(path, 'r');
  const streams = new Set<Readable>();
  const close = async () => {
    for (const stream of streams) stream.destroy();
    await handle.close(); // after its pending reads
  };
  try {
    const size = (await handle.stat()).size;
    const { end } = await directoryOf(handle, size);
    const source = {
      size: async () => size,
      stream(offset: number, length?: number) {
        const stream = rangeOf(handle, offset, length ? Math.min(size, offset + length) : size);
        streams.add(stream);
        stream.once('close', () => streams.delete(stream));
        return stream;
      },
    };
    // tailSize: unzipper looks for the end record from there, so it finds the one checked above.
    const zip = await Open.custom(source, { tailSize: size - end });
    checkNoOverlap(zip.files, end);
    return { files: new Map(zip.files.filter((f) => f.type === 'File').map((f) => [f.path, f])), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The parts exceljs holds whole in memory while the sheet streams (see sheetRows). */
const HELD_PARTS = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml']);

/**
 * XML tags the held parts may have in all, counted before they are parsed: a plain refusal, at
 * once, of what would not fit (4,000,000 one-run rich-text strings, 240 KB zipped, took 1.4 GB;
 * a tag costs 60 to 190 bytes of heap). The bound on memory itself is the reading worker's heap
 * (kit/files/read.ts). A sheet of 1,000,000 distinct texts has 4,000,000 tags.
 */
export const MAX_HELD_TAGS = 8_000_000;

const LT = 0x3c; // "<": text cannot hold it unescaped, so each one opens a tag

/**
 * Inflates every file of the zip, counting bytes (declared sizes can lie), and the tags of the
 * parts held in memory: XLSX_TOO_LARGE past `limit` bytes or MAX_HELD_TAGS tags.
 */
async function checkUnzippedSize(files: Map<string, ZipEntry>, limit: number): Promise<void> {
  const tooLarge = (what: string) => new FileError('XLSX_TOO_LARGE', `The XLSX ${what}: split it, or send it as CSV`);
  let total = 0;
  let tags = 0;
  for (const [name, file] of files) {
    const held = HELD_PARTS.has(name);
    for await (const chunk of file.stream() as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) throw tooLarge(`unpacks to more than ${limit} bytes (IMPORT_MAX_UNZIPPED_BYTES)`);
      if (!held) continue;
      for (let at = chunk.indexOf(LT); at >= 0; at = chunk.indexOf(LT, at + 1)) tags++;
      if (tags > MAX_HELD_TAGS) {
        throw tooLarge(`holds more than ${MAX_HELD_TAGS.toLocaleString('en')} XML tags in its shared strings, styles and workbook parts`);
      }
    }
  }
}

/** A relation's target as a path in the zip (relative to xl/, or absolute). */
const partPath = (target: string) =>
  target.startsWith('/') ? posix.normalize(target).slice(1) : posix.normalize(posix.join('xl', target));

/**
 * The sheet an office worker sees first: the first visible worksheet tab (chart sheets have no
 * rows), else the first worksheet, else the lowest-numbered sheet part.
 */
function firstSheet(reader: WorkbookReaderParts, files: Map<string, ZipEntry>): string | undefined {
  // Relations by id once: a workbook may list thousands of sheets (a lookup per sheet would be quadratic).
  const worksheetRels = new Map((reader.workbookRels ?? []).filter((r) => r.Type.endsWith('/worksheet')).map((r) => [r.Id, r.Target]));
  let firstHidden: string | undefined;
  for (const sheet of reader.model?.sheets ?? []) {
    const target = worksheetRels.get(sheet.rId);
    const path = target === undefined ? '' : partPath(target);
    if (!files.has(path)) continue;
    if ((sheet.state ?? 'visible') === 'visible') return path;
    firstHidden ??= path;
  }
  if (firstHidden) return firstHidden;
  const number = (p: string) => Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(p)?.[1] ?? NaN);
  return [...files.keys()].filter((p) => number(p) >= 0).sort((a, b) => number(a) - number(b))[0];
}

/**
 * The rows of an XLSX's first sheet, streamed (the sheet is never held whole; the shared strings
 * are, as exceljs caches them), after every part is inflated and counted (checkUnzippedSize) on
 * the same opened zip. Throws on a file that is not a workbook.
 */
export async function* firstSheetRows(path: string, maxUnzipped: number): AsyncGenerator<ExcelJS.Row> {
  const zip = await openZip(path);
  try {
    await checkUnzippedSize(zip.files, maxUnzipped);
    yield* sheetRows(zip.files, path);
  } finally {
    await zip.close();
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
  if (!book) throw unreadable('no xl/workbook.xml');
  const rels = part('xl/_rels/workbook.xml.rels');
  if (rels) await reader._parseRels(rels);
  // The parts held in memory are read (and were counted) by their usual names only: elsewhere,
  // text cells would come out blank.
  for (const rel of reader.workbookRels ?? []) {
    const kind = /\/(sharedStrings|styles)$/.exec(rel.Type)?.[1];
    if (kind && partPath(rel.Target) !== `xl/${kind}.xml`) throw unreadable(`its ${kind} part is not xl/${kind}.xml`);
  }
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
