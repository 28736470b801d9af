import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * Chilean RUT/RUN: body digits and a módulo-11 check digit (0–9 or K).
 * Stored normalised as "12345678-5"; shown as "12.345.678-5".
 */
export function checkDigit(body: number): string {
  let sum = 0;
  let factor = 2;
  for (let n = body; n > 0; n = Math.floor(n / 10)) {
    sum += (n % 10) * factor;
    factor = factor === 7 ? 2 : factor + 1;
  }
  const r = 11 - (sum % 11);
  return r === 11 ? '0' : r === 10 ? 'K' : String(r);
}

export type RutCheck = { ok: true; normalized: string } | { ok: false; reason: string };

/** Accepts any common formatting: dots, hyphen, spaces, lower-case k. */
export function checkRut(input: string): RutCheck {
  const compact = input.replace(/[.\-\s]/g, '').toUpperCase();
  if (!compact) return { ok: false, reason: 'is empty' };
  if (!/^\d{1,9}[\dK]$/.test(compact)) return { ok: false, reason: 'must be digits and a check digit 0–9 or K, e.g. 12.345.678-5' };
  const body = Number(compact.slice(0, -1));
  const given = compact.slice(-1);
  if (body < 1) return { ok: false, reason: 'has no body digits' };
  const expected = checkDigit(body);
  if (given !== expected) return { ok: false, reason: `has a wrong check digit (${given}; módulo 11 gives ${expected})` };
  return { ok: true, normalized: `${body}-${expected}` };
}

export function formatRut(normalized: string): string {
  const [body, dv] = normalized.split('-');
  return `${body.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}-${dv}`;
}

export function rutOf(body: number): string {
  return `${body}-${checkDigit(body)}`;
}

function parse(value: unknown): string {
  const check = typeof value === 'string' ? checkRut(value) : ({ ok: false, reason: 'must be a string' } as const);
  if (check.ok) return check.normalized;
  // field + reason: the kit's formatError reports it as BAD_USER_INPUT, literal or variable.
  throw new GraphQLError(`Invalid value for "rut": ${check.reason}`, {
    extensions: { code: 'BAD_USER_INPUT', field: 'rut', reason: check.reason },
  });
}

export const RutScalar = new GraphQLScalarType({
  name: 'Rut',
  description:
    'A Chilean RUT/RUN. Input in any common formatting (12345678-5, 12.345.678-5, 123456785); the check digit is verified. Output as 12.345.678-5.',
  serialize: (value) => formatRut(parse(value)),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
