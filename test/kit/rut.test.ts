import { checkDigit, checkRut, formatRut, rutOf } from '../../kit/rut';

describe('RUT', () => {
  it.each([
    ['12.345.678-5', '12345678-5'],
    ['11.111.111-1', '11111111-1'],
    ['7.654.321-6', '7654321-6'],
    ['10.000.013-K', '10000013-K'],
    ['10.000.004-0', '10000004-0'],
    ['123456785', '12345678-5'],
    ['12345678-5', '12345678-5'],
    [' 10000013-k ', '10000013-K'],
    ['12 345 678 5', '12345678-5'],
  ])('accepts %s as %s', (input, normalized) => {
    expect(checkRut(input)).toEqual({ ok: true, normalized });
  });

  it.each([
    ['12.345.678-4', /wrong check digit \(4; módulo 11 gives 5\)/],
    ['12A45678-5', /must be digits/],
    ['', /empty/],
    ['---', /empty/],
    ['0-0', /no body/],
    ['1234567890123-4', /must be digits/],
  ])('refuses %s', (input, reason) => {
    const check = checkRut(input);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toMatch(reason);
  });

  it('formats with thousands dots and computes check digits by módulo 11', () => {
    expect(formatRut('7654321-6')).toBe('7.654.321-6');
    expect(formatRut('76001013-8')).toBe('76.001.013-8');
    expect(checkDigit(10_000_013)).toBe('K');
    expect(checkDigit(10_000_004)).toBe('0');
    expect(rutOf(12_345_678)).toBe('12345678-5');
  });
});
