import { registerEnumType } from 'type-graphql';

/** National classifications shared by several subgraphs: one definition, identical enums everywhere. */
export enum Sex {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
}
registerEnumType(Sex, { name: 'Sex', description: 'Registered sex.' });

export enum AgeBand {
  AGE_18_29 = 'AGE_18_29',
  AGE_30_44 = 'AGE_30_44',
  AGE_45_64 = 'AGE_45_64',
  AGE_65_PLUS = 'AGE_65_PLUS',
}
registerEnumType(AgeBand, { name: 'AgeBand', description: 'Age band at the time of the event.' });

export enum ContractType {
  INDEFINITE = 'INDEFINITE',
  FIXED_TERM = 'FIXED_TERM',
  PER_WORK = 'PER_WORK',
  SEASONAL = 'SEASONAL',
  APPRENTICESHIP = 'APPRENTICESHIP',
}
registerEnumType(ContractType, {
  name: 'ContractType',
  description: 'Chilean employment contracts: indefinido, plazo fijo, por obra o faena, de temporada, de aprendizaje.',
});

/** CIIU Rev.4.CL sections (A–U): the employer's sector. */
export const CIIU_SECTIONS = 'ABCDEFGHIJKLMNOPQRSTU'.split('');

/** CIUO-08.CL major groups "0"–"9" (the first digit of an occupation). */
export const CIUO_MAJOR_GROUPS = '0123456789'.split('');

/** INE's CINE-based education levels. */
export enum Education {
  NONE = 'NONE',
  PRESCHOOL = 'PRESCHOOL',
  PRIMARY_1 = 'PRIMARY_1',
  PRIMARY_2 = 'PRIMARY_2',
  SECONDARY = 'SECONDARY',
  TECHNICAL_HIGHER = 'TECHNICAL_HIGHER',
  UNIVERSITY = 'UNIVERSITY',
  POSTGRADUATE = 'POSTGRADUATE',
  DOCTORATE = 'DOCTORATE',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(Education, {
  name: 'Education',
  description:
    'Education level (INE): nunca estudió, preescolar, primaria 1, primaria 2, secundaria, técnica superior, universitaria, postítulo/maestría, doctorado, ignorado.',
});

/** Age band of someone born on `birthDate` at `on` (both YYYY-MM-DD); null under 18. */
export function ageBandAt(birthDate: string, on: string): AgeBand | null {
  const age = ageAt(birthDate, on);
  if (age < 18) return null;
  if (age < 30) return AgeBand.AGE_18_29;
  if (age < 45) return AgeBand.AGE_30_44;
  if (age < 65) return AgeBand.AGE_45_64;
  return AgeBand.AGE_65_PLUS;
}

export function ageAt(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Inclusive range of ages of a band (65+ capped at 99). */
export const AGE_BAND_RANGE: Record<AgeBand, [number, number]> = {
  [AgeBand.AGE_18_29]: [18, 29],
  [AgeBand.AGE_30_44]: [30, 44],
  [AgeBand.AGE_45_64]: [45, 64],
  [AgeBand.AGE_65_PLUS]: [65, 99],
};
