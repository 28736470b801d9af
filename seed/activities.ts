import { ContractType } from '../domain/classifications';

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

export const CIIU_CLASSES: Record<string, ActivityClass> = {
  '0321': {
    section: 'A',
    label: 'Acuicultura marina',
    weight: 40,
    trades: ['Cultivos Marinos', 'Acuícola', 'Salmonera'],
    occupations: ['6221', '9216', '7541'],
  },
  '0311': { section: 'A', label: 'Pesca marítima', weight: 15, trades: ['Pesquera'], occupations: ['9216', '7541'] },
  '0141': { section: 'A', label: 'Cría de ganado bovino', weight: 20, trades: ['Lechera', 'Ganadera'], occupations: ['9212', '3142'] },
  '0113': {
    section: 'A',
    label: 'Cultivo de hortalizas, raíces y tubérculos',
    weight: 15,
    trades: ['Agrícola', 'Hortícola'],
    occupations: ['9211', '3142'],
  },
  '0220': { section: 'A', label: 'Extracción de madera', weight: 10, trades: ['Forestal'], occupations: ['9215'] },
  '1020': {
    section: 'C',
    label: 'Elaboración y conservación de pescados, crustáceos y moluscos',
    weight: 50,
    trades: ['Procesadora de Productos del Mar', 'Conservas'],
    occupations: ['8160', '9321'],
  },
  '1050': {
    section: 'C',
    label: 'Elaboración de productos lácteos',
    weight: 30,
    trades: ['Lácteos', 'Quesería'],
    occupations: ['8160', '9321'],
  },
  '1610': {
    section: 'C',
    label: 'Aserrado y acepilladura de madera',
    weight: 20,
    trades: ['Aserradero', 'Maderas'],
    occupations: ['8172', '9329'],
  },
  '4711': {
    section: 'G',
    label: 'Venta al por menor en comercios no especializados, con predominio de alimentos',
    weight: 40,
    trades: ['Supermercados', 'Minimarket'],
    occupations: ['5223', '5230', '9321'],
  },
  '4719': {
    section: 'G',
    label: 'Otras ventas al por menor en comercios no especializados',
    weight: 20,
    trades: ['Tiendas', 'Comercial'],
    occupations: ['5223', '5230'],
  },
  '4752': {
    section: 'G',
    label: 'Venta al por menor de artículos de ferretería',
    weight: 20,
    trades: ['Ferretería'],
    occupations: ['5223', '4321'],
  },
  '4630': {
    section: 'G',
    label: 'Venta al por mayor de alimentos, bebidas y tabaco',
    weight: 20,
    trades: ['Distribuidora'],
    occupations: ['4321', '9333', '8332'],
  },
  '4100': { section: 'F', label: 'Construcción de edificios', weight: 50, trades: ['Constructora'], occupations: ['7112', '7115', '9313'] },
  '4290': {
    section: 'F',
    label: 'Construcción de otras obras de ingeniería civil',
    weight: 30,
    trades: ['Obras Civiles', 'Ingeniería y Construcción'],
    occupations: ['9313', '7112'],
  },
  '4321': {
    section: 'F',
    label: 'Instalaciones eléctricas',
    weight: 20,
    trades: ['Instalaciones Eléctricas'],
    occupations: ['7411', '9313'],
  },
  '5510': {
    section: 'I',
    label: 'Alojamiento en hoteles',
    weight: 45,
    trades: ['Hotelera', 'Cabañas', 'Hostal'],
    occupations: ['9112', '4224', '5131'],
  },
  '5610': {
    section: 'I',
    label: 'Restaurantes y servicio móvil de comidas',
    weight: 55,
    trades: ['Restaurantes', 'Gastronomía'],
    occupations: ['5120', '5131'],
  },
  '8121': {
    section: 'N',
    label: 'Limpieza general de edificios',
    weight: 40,
    trades: ['Aseo Industrial', 'Servicios de Aseo'],
    occupations: ['9112'],
  },
  '8010': { section: 'N', label: 'Actividades de seguridad privada', weight: 35, trades: ['Seguridad'], occupations: ['5414'] },
  '7911': { section: 'N', label: 'Actividades de agencias de viajes', weight: 25, trades: ['Turismo', 'Viajes'], occupations: ['4221'] },
  '4923': { section: 'H', label: 'Transporte de carga por carretera', weight: 45, trades: ['Transportes'], occupations: ['8332', '9333'] },
  '5210': {
    section: 'H',
    label: 'Almacenamiento y depósito',
    weight: 25,
    trades: ['Logística', 'Almacenaje'],
    occupations: ['4321', '9333'],
  },
  '4922': {
    section: 'H',
    label: 'Otras actividades de transporte de pasajeros por vía terrestre',
    weight: 15,
    trades: ['Buses'],
    occupations: ['8331'],
  },
  '5012': {
    section: 'H',
    label: 'Transporte de carga marítimo y de cabotaje',
    weight: 15,
    trades: ['Naviera'],
    occupations: ['8350', '9333'],
  },
  '8411': {
    section: 'O',
    label: 'Actividades de la administración pública en general',
    weight: 100,
    trades: ['Corporación Municipal'],
    occupations: ['4110', '9112'],
  },
  '8510': {
    section: 'P',
    label: 'Enseñanza preescolar y primaria',
    weight: 60,
    trades: ['Colegio', 'Jardín Infantil'],
    occupations: ['5312', '9112'],
  },
  '8521': {
    section: 'P',
    label: 'Enseñanza secundaria de formación general',
    weight: 40,
    trades: ['Liceo', 'Colegio'],
    occupations: ['5312', '9112'],
  },
  '8620': {
    section: 'Q',
    label: 'Actividades de médicos y odontólogos',
    weight: 40,
    trades: ['Centro Médico', 'Centro Dental'],
    occupations: ['5321', '4110'],
  },
  '8730': {
    section: 'Q',
    label: 'Atención a personas mayores en instituciones',
    weight: 60,
    trades: ['Residencia Adulto Mayor'],
    occupations: ['5321', '9112'],
  },
  '9602': {
    section: 'S',
    label: 'Peluquería y otros tratamientos de belleza',
    weight: 70,
    trades: ['Peluquería', 'Salón de Belleza'],
    occupations: ['5141'],
  },
  '9601': { section: 'S', label: 'Lavado y limpieza de prendas', weight: 30, trades: ['Lavandería'], occupations: ['9121'] },
};

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
  return Object.entries(CIIU_CLASSES)
    .filter(([, c]) => c.section === section)
    .map(([code, c]) => [code, c.weight]);
}

/** CIUO-08.CL unit groups used by the seed, with a common Chilean job title. */
export const OCCUPATION_TITLES: Record<string, string> = {
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
  for (const c of Object.values(CIIU_CLASSES)) for (const t of c.trades) if (name.startsWith(`${t} `) && t.length > best.length) best = t;
  return best
    ? Object.entries(CIIU_CLASSES)
        .filter(([, c]) => c.trades.includes(best))
        .map(([code]) => code)
    : [];
}
