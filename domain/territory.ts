import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../kit/assets';

/**
 * Los Lagos' 30 communes with Censo 2024 population (INE, a fact), from the CSV committed beside
 * this file. Every subgraph's seed builds on this one list, so the five databases agree.
 */
export interface CommuneRecord {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
  population: number;
  men: number;
  women: number;
  population2017: number | null;
}

export const REGION = { code: '10', name: 'Los Lagos', isoCode: 'CL-LL' } as const;

let cached: CommuneRecord[] | undefined;

export function losLagosCommunes(): CommuneRecord[] {
  if (cached) return cached;
  const csv = readFileSync(join(projectPath('domain'), 'los-lagos-communes.csv'), 'utf8');
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  if (header !== 'cut,name,province_code,province_name,population_2024,men_2024,women_2024,population_2017') {
    throw new Error('unexpected header in los-lagos-communes.csv');
  }
  cached = lines.map((line) => {
    const [code, name, provinceCode, provinceName, population, men, women, population2017] = line.split(',');
    return {
      code,
      name,
      provinceCode,
      provinceName,
      population: Number(population),
      men: Number(men),
      women: Number(women),
      population2017: population2017 ? Number(population2017) : null,
    };
  });
  return cached;
}

/** Whether `code` is one of Los Lagos' communes: the network's OMILs, and where its records are. */
export function isLosLagosCommune(code: string): boolean {
  return losLagosCommunes().some((c) => c.code === code);
}

/** A file import's check of a commune column: a CUT code of Los Lagos (kit/imports `known`). */
export const KNOWN_COMMUNE = { test: isLosLagosCommune, code: 'UNKNOWN_COMMUNE', message: 'is not the CUT code of a commune of Los Lagos' };
