import { rutOf } from '../kit/rut';

/**
 * RUT bodies of the synthetic people and companies, in disjoint ranges so that no person shares
 * a RUT with an employer or an OTEC at any scale, each a bijection of the id (unique by
 * construction, never beyond its range):
 * - persons 5,000,000–27,999,999 (adults' RUNs; companies start at 50,000,000), the id spread by
 *   a step coprime with the range's size; person 1 carries the documented 12.345.678-5;
 * - employers 76,000,000–76,999,999 and OTECs 77,000,000–77,999,999.
 */
export const PERSON_BODIES = { from: 5_000_000, size: 23_000_000, step: 6_700_417 } as const;
export const EMPLOYER_BODIES = { from: 76_000_000, size: 1_000_000, step: 1_013 } as const;
export const PROVIDER_BODIES = { from: 77_000_000, size: 1_000_000, step: 2_027 } as const;

const EXAMPLE_BODY = 12_345_678;

function spread(range: { from: number; size: number; step: number }, id: number, what: string): number {
  if (!Number.isInteger(id) || id < 1 || id >= range.size) throw new RangeError(`${what} id ${id} is outside 1–${range.size - 1}`);
  return range.from + ((id * range.step) % range.size);
}

/** The id whose spread body is the example's: it takes person 1's instead (a swap keeps the bijection). */
const EXAMPLE_ID = (() => {
  const { from, size, step } = PERSON_BODIES;
  // Modular inverse of the step (extended Euclid, in BigInt: the products exceed 2^53).
  let [a, b, x0, x1] = [BigInt(step), BigInt(size), 1n, 0n];
  while (b) {
    const q = a / b;
    [a, b, x0, x1] = [b, a - q * b, x1, x0 - q * x1];
  }
  const inverse = ((x0 % BigInt(size)) + BigInt(size)) % BigInt(size);
  return Number((BigInt(EXAMPLE_BODY - from) * inverse) % BigInt(size));
})();

export function personBody(id: number): number {
  if (id === 1) return EXAMPLE_BODY;
  return spread(PERSON_BODIES, id === EXAMPLE_ID ? 1 : id, 'person');
}

export const personRut = (id: number): string => rutOf(personBody(id));
export const employerRut = (id: number): string => rutOf(spread(EMPLOYER_BODIES, id, 'employer'));
export const providerRut = (id: number): string => rutOf(spread(PROVIDER_BODIES, id, 'provider'));
