import { validate, Matches, Min, Max, IsInt, type ValidationError, type ValidationOptions } from 'class-validator';
import { badUserInput } from './errors';

/** CUT codes are strings of digits: region "10", province "101", commune "10101". */
export const COMMUNE_CODE = /^\d{5}$/;
export const PROVINCE_CODE = /^\d{3}$/;
export const REGION_CODE = /^\d{2}$/;
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

export const IsCommuneCode = (options: ValidationOptions = {}) =>
  Matches(COMMUNE_CODE, { message: 'must be a 5-digit CUT commune code, e.g. "10101"', ...options });
export const IsProvinceCode = (options: ValidationOptions = {}) =>
  Matches(PROVINCE_CODE, { message: 'must be a 3-digit CUT province code, e.g. "101"', ...options });
export const IsRegionCode = (options: ValidationOptions = {}) =>
  Matches(REGION_CODE, { message: 'must be a 2-digit CUT region code, e.g. "10"', ...options });

/** A year the platform can hold data for (`{ each: true }` for a list of years). */
export function IsYear(options: ValidationOptions = {}): PropertyDecorator {
  const decorators = [
    IsInt({ message: 'must be an integer year', ...options }),
    Min(YEAR_MIN, { message: `must be between ${YEAR_MIN} and ${YEAR_MAX}`, ...options }),
    Max(YEAR_MAX, { message: `must be between ${YEAR_MIN} and ${YEAR_MAX}`, ...options }),
  ];
  return (target, key) => decorators.forEach((d) => d(target, key));
}

function firstViolation(errors: ValidationError[], prefix = ''): { field: string; reason: string } | null {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const reason = e.constraints ? Object.values(e.constraints)[0] : undefined;
    if (reason) return { field, reason };
    const nested = firstViolation(e.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/** No list argument may hold more values than this (a filter of every commune of Chile fits). */
export const MAX_LIST = 400;

/** U+0000 ends a string in SQLite's SQL text and PostgreSQL refuses it in text: no argument may hold one. */
const NUL = '\u0000';

function checkString(value: unknown, field: string): void {
  if (typeof value === 'string' && value.includes(NUL)) throw badUserInput(field, 'contains the NUL character (U+0000)');
}

/** Lists bounded and strings free of NUL, at any depth of an args or input object. */
function checkValues(value: object, prefix: string): void {
  for (const [key, v] of Object.entries(value)) {
    const field = prefix ? `${prefix}.${key}` : key;
    checkString(v, field);
    if (Array.isArray(v)) {
      if (v.length > MAX_LIST) throw badUserInput(field, `holds ${v.length} values; at most ${MAX_LIST}`);
      v.forEach((item, i) => (item && typeof item === 'object' ? checkValues(item, `${field}.${i}`) : checkString(item, `${field}.${i}`)));
    } else if (v && typeof v === 'object') checkValues(v, field);
  }
}

/**
 * type-graphql `validateFn`: every args/input class is checked with class-validator, and the
 * first violation becomes one BAD_USER_INPUT error naming the field. Lists are bounded and strings
 * checked for NUL first.
 */
export async function validateArgs(value: unknown, _type?: unknown, data?: { info?: { fieldName?: string } }): Promise<void> {
  // type-graphql does not pass the argument's name: a scalar's error names the field it belongs to.
  const field = data?.info?.fieldName ?? 'argument';
  for (const v of Array.isArray(value) ? value : [value]) {
    checkString(v, field);
    if (v === null || typeof v !== 'object') continue;
    checkValues(v as object, '');
    const errors = await validate(v as object, { forbidUnknownValues: false, skipMissingProperties: true });
    const violation = firstViolation(errors);
    if (violation) throw badUserInput(violation.field, violation.reason);
  }
}

/** A from/to pair must not be reversed (checked where both are known, e.g. with a year). */
export function checkDateRange(from: string | undefined, to: string | undefined, field = 'filter', fromName = 'from', toName = 'to'): void {
  if (from && to && from > to) throw badUserInput(`${field}.${fromName}`, `is after ${field}.${toName} (${from} > ${to})`);
}
