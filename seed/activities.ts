import { CIIU_CLASSES, ContractType, isKnownCiiuClass, isKnownOccupation } from '../domain/classifications';

/**
 * Economic activities of the synthetic employers, written once: each CIIU Rev.4.CL class the seed
 * uses, with its section, the trade words an employer's name may state for it, and the CIUO-08.CL
 * occupations it hires. An employer draws its class first, then a trade word of that class, and
 * each placement or vacancy an occupation of its employer's class: a name never states a trade its
 * class contradicts, and divers (7541) work only in aquaculture and fishing.
 */
export interface ActivityClass {
  section: string;
  label: string;
  /** Relative weight within its section. */
  weight: number;
  trades: string[];
  occupations: string[];
}

/** How the seed draws each CIIU class it uses; the class's section and name are the product's (domain). */
const DRAWS: Record<string, Omit<ActivityClass, 'section' | 'label'>> = {
  '0321': { weight: 40, trades: ['Cultivos Marinos', 'Acuícola', 'Salmonera'], occupations: ['6221', '9216', '7541'] },
  '0311': { weight: 15, trades: ['Pesquera'], occupations: ['9216', '7541'] },
  '0141': { weight: 20, trades: ['Lechera', 'Ganadera'], occupations: ['9212', '3142'] },
  '0113': { weight: 15, trades: ['Agrícola', 'Hortícola'], occupations: ['9211', '3142'] },
  '0220': { weight: 10, trades: ['Forestal'], occupations: ['9215'] },
  '1020': { weight: 50, trades: ['Procesadora de Productos del Mar', 'Conservas'], occupations: ['8160', '9321'] },
  '1050': { weight: 30, trades: ['Lácteos', 'Quesería'], occupations: ['8160', '9321'] },
  '1610': { weight: 20, trades: ['Aserradero', 'Maderas'], occupations: ['8172', '9329'] },
  '4711': { weight: 40, trades: ['Supermercados', 'Minimarket'], occupations: ['5223', '5230', '9321'] },
  '4719': { weight: 20, trades: ['Tiendas', 'Comercial'], occupations: ['5223', '5230'] },
  '4752': { weight: 20, trades: ['Ferretería'], occupations: ['5223', '4321'] },
  '4630': { weight: 20, trades: ['Distribuidora'], occupations: ['4321', '9333', '8332'] },
  '4100': { weight: 50, trades: ['Constructora'], occupations: ['7112', '7115', '9313'] },
  '4290': { weight: 30, trades: ['Obras Civiles', 'Ingeniería y Construcción'], occupations: ['9313', '7112'] },
  '4321': { weight: 20, trades: ['Instalaciones Eléctricas'], occupations: ['7411', '9313'] },
  '5510': { weight: 45, trades: ['Hotelera', 'Cabañas', 'Hostal'], occupations: ['9112', '4224', '5131'] },
  '5610': { weight: 55, trades: ['Restaurantes', 'Gastronomía'], occupations: ['5120', '5131'] },
  '8121': { weight: 40, trades: ['Aseo Industrial', 'Servicios de Aseo'], occupations: ['9112'] },
  '8010': { weight: 35, trades: ['Seguridad'], occupations: ['5414'] },
  '7911': { weight: 25, trades: ['Turismo', 'Viajes'], occupations: ['4221'] },
  '4923': { weight: 45, trades: ['Transportes'], occupations: ['8332', '9333'] },
  '5210': { weight: 25, trades: ['Logística', 'Almacenaje'], occupations: ['4321', '9333'] },
  '4922': { weight: 15, trades: ['Buses'], occupations: ['8331'] },
  '5012': { weight: 15, trades: ['Naviera'], occupations: ['8350', '9333'] },
  '8411': { weight: 100, trades: ['Corporación Municipal'], occupations: ['4110', '9112'] },
  '8510': { weight: 60, trades: ['Colegio', 'Jardín Infantil'], occupations: ['5312', '9112'] },
  '8521': { weight: 40, trades: ['Liceo', 'Colegio'], occupations: ['5312', '9112'] },
  '8620': { weight: 40, trades: ['Centro Médico', 'Centro Dental'], occupations: ['5321', '4110'] },
  '8730': { weight: 60, trades: ['Residencia Adulto Mayor'], occupations: ['5321', '9112'] },
  '9602': { weight: 70, trades: ['Peluquería', 'Salón de Belleza'], occupations: ['5141'] },
  '9601': { weight: 30, trades: ['Lavandería'], occupations: ['9121'] },
};

export const ACTIVITY_CLASSES: Record<string, ActivityClass> = Object.fromEntries(
  Object.entries(DRAWS).map(([code, draw]) => {
    if (!isKnownCiiuClass(code)) throw new Error(`seed: CIIU class ${code} is not one the product knows`);
    const unknown = draw.occupations.filter((o) => !isKnownOccupation(o));
    if (unknown.length) throw new Error(`seed: occupations ${unknown.join(', ')} are not ones the product knows`);
    return [code, { ...CIIU_CLASSES[code], ...draw }];
  }),
);

/** Employers' and placements' sections (*assumption*: A 25%, C 20%, G 15%, F 12%, I 8%, N 8%, H 5%, others 7%). */
export const SECTORS: [string, number][] = [
  ['A', 25],
  ['C', 20],
  ['G', 15],
  ['F', 12],
  ['I', 8],
  ['N', 8],
  ['H', 5],
  ['O', 2],
  ['P', 2],
  ['Q', 2],
  ['S', 1],
];

/** The classes of a section, weighted, in a fixed order. */
export function classesOf(section: string): [string, number][] {
  return Object.entries(ACTIVITY_CLASSES)
    .filter(([, c]) => c.section === section)
    .map(([code, c]) => [code, c.weight]);
}

/** Sections where seasonal contracts do not exist (public administration, education, health). */
export const NO_SEASONAL = new Set(['O', 'P', 'Q']);

/** Contract type by section: seasonal in farming, fishing and tourism; por obra in construction. */
export function contractWeights(section: string): [ContractType, number][] {
  const seasonal = NO_SEASONAL.has(section) ? 0 : section === 'A' || section === 'I' ? 30 : section === 'C' ? 12 : 3;
  return [
    [ContractType.INDEFINITE, 26],
    [ContractType.FIXED_TERM, 36],
    [ContractType.PER_WORK, section === 'F' ? 40 : 14],
    [ContractType.SEASONAL, seasonal],
    [ContractType.APPRENTICESHIP, 2],
  ];
}

/** Apprenticeship contracts are for people under 21 (Código del Trabajo); job seekers are 18 or over. */
export const APPRENTICE_AGES: [number, number] = [18, 20];

/** Legal forms by section: public administration corporations carry none. */
export function legalFormsOf(section: string): string[] {
  return section === 'O' ? [''] : ['SpA', 'Ltda.', 'S.A.', 'E.I.R.L.'];
}

/** The classes that list the trade word opening `name` (its longest match); empty if none. */
export function tradeClassesOf(name: string): string[] {
  let best = '';
  for (const c of Object.values(ACTIVITY_CLASSES))
    for (const t of c.trades) if (name.startsWith(`${t} `) && t.length > best.length) best = t;
  return best
    ? Object.entries(ACTIVITY_CLASSES)
        .filter(([, c]) => c.trades.includes(best))
        .map(([code]) => code)
    : [];
}
