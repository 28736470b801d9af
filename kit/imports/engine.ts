import type { EntityManager } from '@mikro-orm/knex';
import { GraphQLError } from 'graphql';
import type { Viewer } from '../context';
import { FileError, readTable, type TableFormat, type TableRow } from '../files/read';
import { CONCURRENT_WRITE, isConcurrentWrite, writerFor } from '../writes/write';
import { headerName, readCell } from './cells';
import type { ImportKind, ImportRun, ParsedRow, RowIssue, Values } from './kind';
import { ImportRecord, ImportStatus, runningImports } from './record';

/** Rows checked (and written) per chunk: each chunk's lookups are one query per table. */
export const CHUNK = 1000;
/** Problems listed in a report (the counts stay exact beyond it). */
export const MAX_ISSUES = 10_000;

export interface ImportRequest {
  kind: ImportKind<any>;
  path: string;
  format: TableFormat;
  fileName: string;
  sha256: string;
  dryRun: boolean;
  viewer: Viewer;
  graph: ImportRun['graph'];
  /** Where the personal data a commit writes is audited (absent: not audited, e.g. no audit writer). */
  audit?: ImportRun['audit'];
}

export interface ImportReport {
  id: number;
  kind: string;
  fileName: string;
  sha256: string;
  dryRun: boolean;
  status: ImportStatus;
  rows: number;
  validRows: number;
  invalidRows: number;
  created: number;
  unchanged: number;
  issueCount: number;
  issues: RowIssue[];
  /** A file-level refusal: code (e.g. MISSING_COLUMNS) and message. */
  fileError?: { code: string; message: string };
}

/** A whole file refused before its rows: a code clients can rely on. */
export class ImportFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A commit that met a bad row: its transaction rolls back and the report says why. */
class Rejected extends Error {
  constructor(readonly fileError?: { code: string; message: string }) {
    super('rejected');
  }
}

const NO_ROWS = { code: 'NO_ROWS', message: 'The file has a header but no rows' };

interface Columns {
  /** The template column of each file column, in the file's order. */
  order: number[];
}

function checkHeader(kind: ImportKind, header: string[]): Columns {
  const names = header.map(headerName);
  while (names.length && names[names.length - 1] === '') names.pop();
  if (names.length === 0) throw new ImportFileError('NO_HEADER', 'The first row must name the columns (see the template)');
  const known = kind.columns.map((c) => c.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) throw new ImportFileError('UNKNOWN_COLUMNS', `Columns not in the ${kind.kind} template: ${unknown.join(', ')}`);
  const duplicated = names.filter((n, i) => names.indexOf(n) !== i);
  if (duplicated.length) throw new ImportFileError('DUPLICATE_COLUMNS', `Columns given twice: ${[...new Set(duplicated)].join(', ')}`);
  const missing = kind.columns.filter((c) => c.required && !names.includes(c.name)).map((c) => c.name);
  if (missing.length) throw new ImportFileError('MISSING_COLUMNS', `Required columns missing: ${missing.join(', ')}`);
  return { order: names.map((n) => known.indexOf(n)) };
}

/** Reads the file in chunks of parsed rows (cell checks done; problems recorded on the rows). */
async function* chunks(request: ImportRequest, issues: { add(issue: RowIssue): void }): AsyncGenerator<ParsedRow[]> {
  const { kind } = request;
  let columns: Columns | undefined;
  let chunk: ParsedRow[] = [];
  let iterator: AsyncGenerator<TableRow>;
  try {
    iterator = readTable(request.path, request.format);
  } catch (error) {
    throw toFileError(error);
  }
  try {
    for await (const line of iterator) {
      if (!columns) {
        columns = checkHeader(kind, line.cells);
        continue;
      }
      chunk.push(parseRow(kind, columns, line, issues));
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = [];
      }
    }
  } catch (error) {
    throw toFileError(error);
  }
  if (!columns) throw new ImportFileError('EMPTY_FILE', 'The file is empty: download the template and fill it');
  if (chunk.length) yield chunk;
}

function toFileError(error: unknown): unknown {
  if (error instanceof FileError) return new ImportFileError(error.code, error.message);
  return error;
}

function parseRow(kind: ImportKind, columns: Columns, line: TableRow, issues: { add(issue: RowIssue): void }): ParsedRow {
  const values: Values = {};
  const raws: Record<string, string> = {};
  let rejected = false;
  const row: ParsedRow = {
    row: line.row,
    values,
    raw: (column) => raws[column] ?? '',
    reject(column, code, message) {
      rejected = true;
      issues.add({ row: line.row, column, value: raws[column] ?? '', code, message });
    },
    get rejected() {
      return rejected;
    },
  };
  const extra = line.cells.slice(columns.order.length).filter((c) => c.trim() !== '');
  if (extra.length) row.reject('', 'EXTRA_CELLS', `${extra.length} cell(s) beyond the header's ${columns.order.length} columns`);
  for (let i = 0; i < columns.order.length; i++) raws[kind.columns[columns.order[i]].name] = line.cells[i] ?? '';
  for (const column of kind.columns) {
    const result = readCell(column, raws[column.name] ?? '');
    if (result.ok) values[column.name] = result.value;
    else row.reject(column.name, result.code, result.message);
  }
  return row;
}

/**
 * An import: every row checked in one pass (cells, duplicates inside the file, access by commune,
 * the kind's own rules with the mutation's checks), every problem reported; then, unless it is a
 * dry run or a row was wrong, the file is read again and its new rows written in one transaction
 * (re-checked there), all or nothing. Memory stays flat in the file's size: rows are handled a
 * chunk at a time; only the natural keys seen are kept, to find duplicates.
 */
export async function runImport(root: EntityManager, request: ImportRequest, committed?: () => void): Promise<ImportReport> {
  const { kind, viewer } = request;
  const em = root.fork();
  const record = em.create(ImportRecord, {
    kind: kind.kind,
    fileName: request.fileName.slice(0, 255),
    sha256: request.sha256,
    subject: viewer.sub,
    dryRun: request.dryRun,
    status: ImportStatus.RUNNING,
    startedAt: new Date(),
  });
  await em.persistAndFlush(record);
  const live = { phase: 'checking' as 'checking' | 'writing', done: 0 };
  runningImports.set(record.id, live);
  const issues: RowIssue[] = [];
  let issueCount = 0;
  const collector = {
    add(issue: RowIssue) {
      issueCount++;
      if (issues.length < MAX_ISSUES) issues.push(issue);
    },
  };
  const run: ImportRun = { viewer, graph: request.graph, memo: new Map(), audit: request.audit };
  let rows = 0;
  let invalidRows = 0;
  let unchanged = 0;
  let created = 0;
  const finish = async (status: ImportStatus, fileError?: { code: string; message: string }): Promise<ImportReport> => {
    runningImports.delete(record.id);
    em.assign(record, {
      status,
      rows,
      invalidRows,
      created,
      unchanged,
      issues: issueCount,
      message: fileError ? `${fileError.code}: ${fileError.message}` : null,
      finishedAt: new Date(),
    });
    await em.flush();
    // Row by row, columns in the template's order (problems of the whole row last).
    const at = (column: string) => {
      const i = kind.columns.findIndex((c) => c.name === column);
      return i < 0 ? kind.columns.length : i;
    };
    issues.sort((a, b) => a.row - b.row || at(a.column) - at(b.column));
    return {
      id: record.id,
      kind: kind.kind,
      fileName: record.fileName,
      sha256: record.sha256,
      dryRun: request.dryRun,
      status,
      rows,
      validRows: rows - invalidRows,
      invalidRows,
      created,
      unchanged,
      issueCount,
      issues,
      ...(fileError ? { fileError } : {}),
    };
  };

  try {
    const seen = new Map<string, number>();
    /** Checks a chunk (access, duplicates in the file, the kind's rules): the rows to write, or none once any row failed. */
    const check = async (chunk: ParsedRow[], tx: EntityManager) => {
      for (const row of chunk) {
        if (row.rejected) continue;
        try {
          writerFor(viewer, String(row.values[kind.communeColumn]));
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          row.reject(kind.communeColumn, 'FORBIDDEN', error.message);
          continue;
        }
        const key = kind.key(row.values);
        const first = seen.get(key);
        if (first !== undefined) row.reject('', 'DUPLICATE_IN_FILE', `the same record as row ${first} (${kind.naturalKey})`);
        else seen.set(key, row.row);
      }
      const prepared = await kind.prepare(
        tx,
        chunk.filter((r) => !r.rejected),
        run,
      );
      unchanged += prepared.filter((p) => p === null).length;
      rows += chunk.length;
      invalidRows += chunk.filter((r) => r.rejected).length;
      live.done = rows;
      return prepared.filter((p) => p !== null && p !== undefined);
    };

    if (request.dryRun) {
      for await (const chunk of chunks(request, collector)) await check(chunk, em.fork());
      if (rows === 0) return await finish(ImportStatus.REJECTED, NO_ROWS);
      return await finish(invalidRows > 0 ? ImportStatus.REJECTED : ImportStatus.CHECKED);
    }

    // A commit checks and writes in one pass, in one transaction: each chunk is checked where it
    // is written (nothing can change in between), writing stops at the first bad row while the
    // rest of the file is still checked for the report, and a file with any bad row rolls back.
    live.phase = 'writing';
    const subject = viewer.sub;
    await em.fork().transactional(async (tx) => {
      for await (const chunk of chunks(request, collector)) {
        const fresh = await check(chunk, tx as EntityManager);
        if (invalidRows === 0 && fresh.length) {
          await kind.write(tx as EntityManager, fresh, subject, run);
          created += fresh.length;
        }
        tx.clear();
      }
      if (rows === 0) throw new Rejected(NO_ROWS);
      if (invalidRows > 0) throw new Rejected();
      // Last, so the audit log's lock is held only until the commit.
      await run.audit?.flushWithin(tx as EntityManager);
    });
    committed?.();
    return await finish(ImportStatus.COMMITTED);
  } catch (error) {
    created = 0;
    if (error instanceof ImportFileError) return finish(ImportStatus.REJECTED, { code: error.code, message: error.message });
    if (error instanceof Rejected) return finish(ImportStatus.REJECTED, error.fileError);
    const concurrent = isConcurrentWrite(error);
    await finish(ImportStatus.FAILED, {
      code: concurrent ? 'CONFLICT' : 'INTERNAL_SERVER_ERROR',
      message: concurrent ? CONCURRENT_WRITE : 'The import stopped on an internal error',
    }).catch(() => undefined);
    throw error;
  }
}
