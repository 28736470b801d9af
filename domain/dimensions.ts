import { codeDimension, enumDimension, monthDimension, yearDimension, type Dimension } from '../kit/stats/dimension';
import { AgeBand, CIIU_SECTIONS, CIUO_MAJOR_GROUPS, ContractType, Education, Sex } from './classifications';
import { losLagosCommunes } from './territory';

/**
 * The statistics dimensions that several subgraphs share: territory and national
 * classifications. Each subgraph passes its own key-only Commune/Province types and its column.
 */
export function communeDimension(Commune: () => unknown, column: string, description = 'The commune.'): Dimension {
  return codeDimension({
    column,
    filter: 'communes',
    known: losLagosCommunes().map((c) => c.code),
    reference: Commune,
    description,
    filterDescription: 'CUT commune codes.',
  });
}

export function provinceDimension(Province: () => unknown, column: string): Dimension {
  const codes = [...new Set(losLagosCommunes().map((c) => c.provinceCode))];
  return codeDimension({
    column,
    filter: 'provinces',
    known: codes,
    reference: Province,
    description: 'The province.',
    filterDescription: 'CUT province codes.',
  });
}

export function sectorDimension(column: string): Dimension {
  return codeDimension({ column, filter: 'sectors', known: CIIU_SECTIONS, description: 'CIIU Rev.4.CL section letter (A–U).' });
}

export function occupationMajorGroupDimension(column: string): Dimension {
  return codeDimension({
    column,
    filter: 'occupationMajorGroups',
    known: CIUO_MAJOR_GROUPS,
    description: 'CIUO-08.CL major group, "0"–"9".',
  });
}

export const sexDimension = (column: string): Dimension => enumDimension(Sex, column, 'sexes', 'Registered sex.');
export const ageBandDimension = (column: string, description = 'Age band at the time of the event.'): Dimension => ({
  ...enumDimension(AgeBand, column, 'ageBands'),
  description,
});
export const contractTypeDimension = (column: string): Dimension => enumDimension(ContractType, column, 'contractTypes', 'Contract type.');
export const educationDimension = (column: string): Dimension => enumDimension(Education, column, 'educationLevels', 'Education level.');

/** The provinces of a region, for region totals as a filter on provinces (CUT codes nest). */
export function provincesOfRegion(regionCode: string): string[] {
  return [...new Set(losLagosCommunes().map((c) => c.provinceCode))].filter((p) => p.startsWith(regionCode));
}

/**
 * When and where, as every statistic of the network is cut: the year and month of a date, the
 * commune of a CUT column and its province (the code's first three digits).
 */
export function whenAndWhere(options: {
  date: string;
  /** What the date is, for the docs: "registration", "opening". */
  what: string;
  commune: string;
  Commune: () => unknown;
  Province: () => unknown;
  communeDescription?: string;
}): { YEAR: Dimension; MONTH: Dimension; COMMUNE: Dimension; PROVINCE: Dimension } {
  return {
    YEAR: yearDimension({ of: options.date }, `Year of ${options.what}.`),
    MONTH: monthDimension({ of: options.date }, `Month of ${options.what}, 1–12.`),
    COMMUNE: communeDimension(options.Commune, options.commune, options.communeDescription),
    PROVINCE: provinceDimension(options.Province, `substr(${options.commune}, 1, 3)`),
  };
}
