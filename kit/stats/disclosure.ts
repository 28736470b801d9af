import type { Viewer } from '../context';

/**
 * Statistical disclosure control: the cell-key method (ABS TableBuilder, Eurostat's census
 * hypercubes, INE). Every counted record has a fixed key; a cell's key is the sum of its records'
 * keys; a fixed table maps (cell key, count) to a small perturbation. The same records always get
 * the same published count, however the question is asked, so repeating or differencing queries
 * gains nothing; small counts are never published as 1 or 2, and a published 0 may hide 1–4.
 * See docs/security.md (the method, why, and its limits).
 */

/** Record keys are integers in [0, KEY_MODULUS): (id × multiplier + offset) mod modulus. */
export const KEY_MODULUS = 2_147_483_647; // 2^31 − 1, a prime
/** ⌊modulus × (√5 − 1) / 2⌋: consecutive ids get keys spread evenly over [0, modulus). */
export const KEY_MULTIPLIER = 1_327_217_884;
export const KEY_OFFSET = 104_729;

/** A record's key (an integer below KEY_MODULUS), deterministic from its id. */
export function recordKey(id: number): number {
  return Number((BigInt(id) * BigInt(KEY_MULTIPLIER) + BigInt(KEY_OFFSET)) % BigInt(KEY_MODULUS));
}

/** The same key in SQL, computed identically by SQLite and PostgreSQL (64-bit integers). */
export function recordKeySql(idSql: string): string {
  return `((cast(${idSql} as bigint) * ${KEY_MULTIPLIER} + ${KEY_OFFSET}) % ${KEY_MODULUS})`;
}

/** What a perturbed measure counts: its records' ids, optionally only some rows, distinct, or weighted. */
export interface Records {
  /** SQL of the counted record's id (a row id, or a person id for distinct persons). */
  id: string;
  /** Only rows meeting this SQL condition are counted (e.g. completions). */
  when?: string;
  /** Counts distinct ids (people attended): the key sums each distinct id once. */
  distinct?: boolean;
  /** A row stands for this many records (a stored tally): its key counts that many times. */
  weight?: string;
}

/** The SQL aggregate of a cell's key (before the modulus, applied in JavaScript). */
export function cellKeySql(records: Records): string {
  const key = recordKeySql(records.id);
  if (records.distinct) return `sum(distinct ${records.when ? `case when ${records.when} then ${key} end` : key})`;
  return `sum(${rowKeySql(records)})`;
}

/** What one row adds to its cell's key (records counted per row, not distinct). */
export function rowKeySql(records: Records): string {
  const key = recordKeySql(records.id);
  const weighted = records.weight ? `${key} * ${records.weight}` : key;
  return records.when ? `case when ${records.when} then ${weighted} else 0 end` : weighted;
}

/** A cell's key from the summed record keys (a number, a numeric string from PostgreSQL, or null). */
export function cellKeyOf(summed: unknown): number {
  if (summed == null) return 0;
  return Number(BigInt(String(summed).split('.')[0]) % BigInt(KEY_MODULUS));
}

/** A cell's key from its records' ids, as the SQL computes it. */
export function cellKeyOfIds(ids: Iterable<number>): number {
  let sum = 0n;
  for (const id of ids) sum += BigInt(recordKey(id));
  return Number(sum % BigInt(KEY_MODULUS));
}

/** Rows of the perturbation table: the cell key, as a fraction of the modulus, picks one of 30. */
export const PTABLE_ROWS = 30;

/**
 * The perturbation table: for a true count (1–4, then 5 and more), the published value (or the
 * noise added) and how many of the 30 rows give it, in row order. Every distribution has mean 0
 * (unbiased): 1 → 0 (2/3) or 3 (1/3); 2 → 0 (1/3) or 3 (2/3); 3 → 0, 3, 4, 5 (0.2, 0.4, 0.2, 0.2);
 * 4 → 0, 3, 4, 5, 6 (0.1, 0.2, 0.3, 0.2, 0.2); 5 and more → −2, −1, 0, +1, +2 (0.1, 0.2, 0.4, 0.2, 0.1).
 */
export const PTABLE: { small: Record<1 | 2 | 3 | 4, [value: number, rows: number][]>; noise: [delta: number, rows: number][] } = {
  small: {
    1: [
      [0, 20],
      [3, 10],
    ],
    2: [
      [0, 10],
      [3, 20],
    ],
    3: [
      [0, 6],
      [3, 12],
      [4, 6],
      [5, 6],
    ],
    4: [
      [0, 3],
      [3, 6],
      [4, 9],
      [5, 6],
      [6, 6],
    ],
  },
  noise: [
    [-2, 3],
    [-1, 6],
    [0, 12],
    [1, 6],
    [2, 3],
  ],
};

function pick<T>(entries: [T, number][], row: number): T {
  let upto = 0;
  for (const [value, rows] of entries) {
    upto += rows;
    if (row < upto) return value;
  }
  throw new Error('perturbation table rows do not add up to 30');
}

/** The published count of a cell of `count` records whose key is `cellKey` (0 stays 0). */
export function perturb(count: number, cellKey: number): number {
  if (count <= 0) return 0;
  const row = Math.floor((cellKey / KEY_MODULUS) * PTABLE_ROWS);
  if (count < 5) return pick(PTABLE.small[count as 1 | 2 | 3 | 4], row);
  return count + pick(PTABLE.noise, row);
}

/** Only admins see exact counts everywhere; everyone else gets perturbed cells (docs/security.md). */
export function exactCounts(viewer: Viewer | null): boolean {
  return Boolean(viewer?.roles.includes('admin'));
}

/** A count of people as this viewer may see it: exact, or perturbed by its records' ids. */
export function discloseCount(ids: readonly number[], exact: boolean): number {
  return exact ? ids.length : perturb(ids.length, cellKeyOfIds(ids));
}
