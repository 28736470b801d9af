import { registerEnumType } from 'type-graphql';

/** National classifications shared by several subgraphs: one definition, identical enums everywhere. */
export enum Sex {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
}
registerEnumType(Sex, { name: 'Sex', description: 'Registered sex.' });

export enum AgeBand {
  AGE_15_17 = 'AGE_15_17',
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

/**
 * CIIU Rev.4.CL classes the product knows, each with its section (A–U) and name: an employer's
 * class must be one of them and belong to the section given with it.
 */
export const CIIU_CLASSES: Readonly<Record<string, { section: string; label: string }>> = {
  '0321': { section: 'A', label: 'Acuicultura marina' },
  '0311': { section: 'A', label: 'Pesca marítima' },
  '0141': { section: 'A', label: 'Cría de ganado bovino' },
  '0113': { section: 'A', label: 'Cultivo de hortalizas, raíces y tubérculos' },
  '0220': { section: 'A', label: 'Extracción de madera' },
  '1020': { section: 'C', label: 'Elaboración y conservación de pescados, crustáceos y moluscos' },
  '1050': { section: 'C', label: 'Elaboración de productos lácteos' },
  '1610': { section: 'C', label: 'Aserrado y acepilladura de madera' },
  '4711': { section: 'G', label: 'Venta al por menor en comercios no especializados, con predominio de alimentos' },
  '4719': { section: 'G', label: 'Otras ventas al por menor en comercios no especializados' },
  '4752': { section: 'G', label: 'Venta al por menor de artículos de ferretería' },
  '4630': { section: 'G', label: 'Venta al por mayor de alimentos, bebidas y tabaco' },
  '4100': { section: 'F', label: 'Construcción de edificios' },
  '4290': { section: 'F', label: 'Construcción de otras obras de ingeniería civil' },
  '4321': { section: 'F', label: 'Instalaciones eléctricas' },
  '5510': { section: 'I', label: 'Alojamiento en hoteles' },
  '5610': { section: 'I', label: 'Restaurantes y servicio móvil de comidas' },
  '8121': { section: 'N', label: 'Limpieza general de edificios' },
  '8010': { section: 'N', label: 'Actividades de seguridad privada' },
  '7911': { section: 'N', label: 'Actividades de agencias de viajes' },
  '4923': { section: 'H', label: 'Transporte de carga por carretera' },
  '5210': { section: 'H', label: 'Almacenamiento y depósito' },
  '4922': { section: 'H', label: 'Otras actividades de transporte de pasajeros por vía terrestre' },
  '5012': { section: 'H', label: 'Transporte de carga marítimo y de cabotaje' },
  '8411': { section: 'O', label: 'Actividades de la administración pública en general' },
  '8510': { section: 'P', label: 'Enseñanza preescolar y primaria' },
  '8521': { section: 'P', label: 'Enseñanza secundaria de formación general' },
  '8620': { section: 'Q', label: 'Actividades de médicos y odontólogos' },
  '8730': { section: 'Q', label: 'Atención a personas mayores en instituciones' },
  '9602': { section: 'S', label: 'Peluquería y otros tratamientos de belleza' },
  '9601': { section: 'S', label: 'Lavado y limpieza de prendas' },
};

/** CIUO-08.CL unit groups (4 digits) the product knows, each with a common Chilean job title. */
export const OCCUPATIONS: Readonly<Record<string, string>> = {
  '3142': 'Técnico/a agropecuario/a',
  '4110': 'Administrativo/a',
  '4221': 'Agente de viajes',
  '4224': 'Recepcionista de hotel',
  '4321': 'Bodeguero/a',
  '5120': 'Cocinero/a',
  '5131': 'Garzón/Garzona',
  '5141': 'Peluquero/a',
  '5223': 'Vendedor/a',
  '5230': 'Cajero/a',
  '5312': 'Asistente de aula',
  '5321': 'Auxiliar de enfermería',
  '5414': 'Guardia de seguridad',
  '6221': 'Operario/a de centro de cultivo',
  '7112': 'Albañil',
  '7115': 'Carpintero/a',
  '7411': 'Electricista',
  '7541': 'Buzo/a',
  '8160': 'Operador/a de planta de proceso',
  '8172': 'Operador/a de aserradero',
  '8331': 'Conductor/a de bus',
  '8332': 'Conductor/a de camión',
  '8350': 'Tripulante de cubierta',
  '9112': 'Auxiliar de aseo',
  '9121': 'Lavandero/a',
  '9211': 'Obrero/a agrícola',
  '9212': 'Obrero/a ganadero/a',
  '9215': 'Obrero/a forestal',
  '9216': 'Obrero/a de pesca y acuicultura',
  '9313': 'Jornal de construcción',
  '9321': 'Empacador/a',
  '9329': 'Peón de industria',
  '9333': 'Cargador/a, peoneta',
};

export const isKnownCiiuClass = (code: string): boolean => Object.hasOwn(CIIU_CLASSES, code);
export const isKnownOccupation = (code: string): boolean => Object.hasOwn(OCCUPATIONS, code);

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

/** The youngest age at which a person may work in Chile (Código del Trabajo, art. 13). */
export const MIN_WORKING_AGE = 15;

/**
 * Age band of someone born on `birthDate` at `on` (both YYYY-MM-DD); null under 15. 15–17 is a
 * band of its own: minors may work with their parents' authorisation, so they may be placed.
 */
export function ageBandAt(birthDate: string, on: string): AgeBand | null {
  const age = ageAt(birthDate, on);
  if (age < MIN_WORKING_AGE) return null;
  if (age < 18) return AgeBand.AGE_15_17;
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
  [AgeBand.AGE_15_17]: [15, 17],
  [AgeBand.AGE_18_29]: [18, 29],
  [AgeBand.AGE_30_44]: [30, 44],
  [AgeBand.AGE_45_64]: [45, 64],
  [AgeBand.AGE_65_PLUS]: [65, 99],
};
