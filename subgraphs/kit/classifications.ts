import { registerEnumType } from 'type-graphql';

/** Classifications shared by several subgraphs (DOMAIN.md): one definition, identical enums everywhere. */
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

/** CIIU Rev.4.CL sections (A–U). */
export const CIIU_SECTIONS = 'ABCDEFGHIJKLMNOPQRSTU'.split('');
