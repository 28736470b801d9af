import type { EntityManager } from '@mikro-orm/knex';
import { validate } from 'class-validator';
import { GraphQLError } from 'graphql';
import type { AuditTrail } from '../audit/trail';
import type { Viewer } from '../context';

/** How a column's text is read. */
export type ColumnType = 'text' | 'int' | 'decimal' | 'date' | 'rut' | 'code' | 'enum' | 'boolean';

/** A template column: its header, type, whether it must be filled, and what it holds. */
export interface ImportColumn {
  name: string;
  type: ColumnType;
  required?: boolean;
  description: string;
  /** The accepted codes of an `enum` column (case-insensitive), or the pattern of a `code` column. */
  values?: readonly string[];
  pattern?: RegExp;
  /** Longest text accepted (default 500). */
  max?: number;
  example: string;
  /** A check of the value against a reference list (e.g. the region's communes): its code and reason. */
  known?: { test(value: string): boolean; code: string; message: string };
}

/** A cell's value once read: text, number, boolean, ISO date, normalised RUT, or null when empty. */
export type CellValue = string | number | boolean | null;
export type Values = Record<string, CellValue>;

/** One problem of one row: the report's line. */
export interface RowIssue {
  row: number;
  column: string;
  value: string;
  code: string;
  message: string;
}

/** A row that passed the cell checks, on its way through a kind's own checks. */
export interface ParsedRow {
  row: number;
  values: Values;
  /** The raw text of a column (for the report). */
  raw(column: string): string;
  /** Records a problem of this row (the row is not written). */
  reject(column: string, code: string, message: string): void;
  readonly rejected: boolean;
}

/** What a kind learns of the run: who imports, and the graph (with the caller's token) for lookups. */
export interface ImportRun {
  viewer: Viewer;
  /** Runs an operation on the graph as the caller (RUTs of another subgraph's records). */
  graph<T>(query: string, variables: Record<string, unknown>): Promise<T>;
  /** A per-run memo for lookups shared by the chunks (e.g. RUT → id). */
  memo: Map<string, unknown>;
  /**
   * The audit of personal data written (`record(run, { type, id, fields, outcome: 'written' })` in
   * `write`): appended in the import's transaction, so only a committed import leaves entries.
   */
  audit?: AuditTrail;
}

/** A row a kind will write, or `null` when its natural key exists already (nothing to do). */
export type Prepared<R> = R | null | undefined;

/**
 * One kind of record a file can bring: its template (columns), its natural key, the commune that
 * decides who may write it, the checks that need data (reusing the mutation's) and a bulk write.
 */
export interface ImportKind<R = unknown> {
  kind: string;
  title: string;
  columns: ImportColumn[];
  /** The natural key, as documented: rows with the same key are one record. */
  naturalKey: string;
  key(values: Values): string;
  /** The column holding the commune whose writers may import the row (writerFor). */
  communeColumn: string;
  /**
   * The purpose its lookups of personal data declare (x-purpose) when the caller declares none:
   * what importing this kind is for.
   */
  purpose?: string;
  /**
   * Checks a chunk of rows (reject what is wrong) and returns, per row, the record to write, null
   * when it exists already, undefined when rejected.
   */
  prepare(em: EntityManager, rows: ParsedRow[], run: ImportRun): Promise<Prepared<R>[]>;
  /**
   * Writes a chunk of new records in the import's transaction, with the same events as the
   * mutation (and, for personal data, the same audit entries, on `run.audit`).
   */
  write(tx: EntityManager, records: R[], subject: string, run: ImportRun): Promise<void>;
}

export function defineImport<R>(kind: ImportKind<R>): ImportKind<R> {
  return kind;
}

/**
 * Runs a mutation's own check on a row: a coded error naming `input.<field>` becomes the row's
 * issue in the column that holds that field (`columns` maps fields to columns).
 */
export function asIssue(row: ParsedRow, error: unknown, columns: Record<string, string>, fallback: string): void {
  if (!(error instanceof GraphQLError)) throw error;
  const field = String(error.extensions.field ?? '').replace(/^input\./, '');
  const code = error.extensions.code === 'CONFLICT' ? 'CONFLICT' : 'RULE';
  // A bad input's reason is its sentence; other codes' reasons are short tags (e.g. FORBIDDEN's
  // `objection`): their message says it.
  const reason = error.extensions.code === 'BAD_USER_INPUT' ? (error.extensions.reason ?? error.message) : error.message;
  row.reject(columns[field] ?? fallback, code, String(reason));
}

/** Runs `check` on a row and turns its coded error into the row's issue. */
export async function checked(row: ParsedRow, columns: Record<string, string>, fallback: string, check: () => unknown): Promise<boolean> {
  try {
    await check();
    return true;
  } catch (error) {
    asIssue(row, error, columns, fallback);
    return false;
  }
}

/**
 * A mutation's input class checked on a row with its own class-validator rules (every violation,
 * not only the first): each becomes an issue in the column of its field.
 */
export async function checkInput<T extends object>(
  row: ParsedRow,
  input: new () => T,
  values: Partial<T>,
  columns: Record<string, string>,
): Promise<T | undefined> {
  const instance = Object.assign(new input(), { idempotencyKey: 'import' }, values);
  // As the mutation validates (kit/validation.ts): an empty optional column is not checked.
  const errors = await validate(instance, { forbidUnknownValues: false, skipMissingProperties: true });
  for (const error of errors) {
    const message = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
    row.reject(columns[error.property] ?? error.property, 'INVALID_VALUE', message);
  }
  return errors.length ? undefined : instance;
}
