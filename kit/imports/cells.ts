import { checkRut } from '../rut';
import type { CellValue, ImportColumn } from './kind';

export type CellResult = { ok: true; value: CellValue } | { ok: false; code: string; message: string };

const ok = (value: CellValue): CellResult => ({ ok: true, value });
const bad = (code: string, message: string): CellResult => ({ ok: false, code, message });

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** A number as Chilean offices write it: "1.234.567", "1234567", "3,5" (decimal comma) or "3.5". */
function number(text: string, integer: boolean): number | null {
  let t = text.replace(/\s/g, '');
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) t = t.replace(/\./g, '');
  t = t.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  if (integer && !Number.isInteger(n)) return null;
  return n;
}

const YES = new Set(['si', 'sí', 's', 'yes', 'true', '1', 'x']);
const NO = new Set(['no', 'n', 'false', '0']);

/** Reads one cell by its column's type; empty cells are null (or REQUIRED). */
export function readCell(column: ImportColumn, raw: string): CellResult {
  const text = raw.trim();
  if (text === '') return column.required ? bad('REQUIRED', `${column.name} is required`) : ok(null);
  if (text.startsWith('=')) return bad('FORMULA', 'formulas are not imported: type the value');
  if (text.length > (column.max ?? 500)) return bad('TOO_LONG', `longer than ${column.max ?? 500} characters`);
  switch (column.type) {
    case 'text':
      return ok(text);
    case 'int':
    case 'decimal': {
      const n = number(text, column.type === 'int');
      return n === null ? bad('INVALID_NUMBER', column.type === 'int' ? 'must be a whole number' : 'must be a number') : ok(n);
    }
    case 'date': {
      let m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(text);
      let date: string | null = null;
      if (m) date = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
      else if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(text))) date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
      return date ? ok(date) : bad('INVALID_DATE', 'must be a date as dd-mm-yyyy or yyyy-mm-dd');
    }
    case 'rut': {
      const check = checkRut(text);
      return check.ok ? ok(check.normalized) : bad('INVALID_RUT', check.reason);
    }
    case 'code':
      if (column.pattern && !column.pattern.test(text)) return bad('INVALID_CODE', `must look like ${column.example}`);
      return column.known && !column.known.test(text) ? bad(column.known.code, column.known.message) : ok(text);
    case 'enum': {
      const found = column.values?.find((v) => v.toLowerCase() === text.toLowerCase());
      return found ? ok(found) : bad('UNKNOWN_CODE', `must be one of ${column.values?.join(', ')}`);
    }
    case 'boolean': {
      const t = text.toLowerCase();
      return YES.has(t) ? ok(true) : NO.has(t) ? ok(false) : bad('INVALID_BOOLEAN', 'must be sí or no');
    }
  }
}

/** A header as written (any case, spaces or accents) to the template's name. */
export function headerName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}
