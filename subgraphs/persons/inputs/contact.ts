import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A Chilean phone number: nine digits (mobiles start with 9, landlines with their area code),
 * optionally after +56, in any common spacing. Stored as "+56 9 12345678" or "+56 652345678".
 */
export function chileanPhone(value: string): string | null {
  const digits = value.replace(/[\s().-]/g, '');
  const match = /^(?:\+?56)?([2-9]\d{8})$/.exec(digits);
  if (!match) return null;
  const national = match[1];
  return national.startsWith('9') ? `+56 9 ${national.slice(1)}` : `+56 ${national}`;
}

export const IsChileanPhone = (options: ValidationOptions = {}) =>
  ValidateBy(
    {
      name: 'isChileanPhone',
      validator: {
        validate: (value) => typeof value === 'string' && chileanPhone(value) !== null,
        defaultMessage: () => 'must be a Chilean phone number: nine digits, optionally after +56, e.g. +56 9 1234 5678',
      },
    },
    options,
  );
