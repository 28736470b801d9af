import { createClient, type Execute } from './client';
import { CommunePlacements, CoursesByCommune, OpenVacanciesBySector } from './operations';

const percent = (ratio: number | null | undefined) => (ratio == null ? '—' : `${(ratio * 100).toFixed(1)}%`);

/** A commune's year against its goal, as a partner portal would show it. */
export async function placementsAgainstGoal(execute: Execute, commune: string, year: number): Promise<string> {
  const data = await execute(CommunePlacements, { commune, year });
  if (!data.commune) return `No commune ${commune}`;
  const { name, province, placementSummary: summary } = data.commune;
  const placements = summary.suppressed ? 'fewer than 5' : String(summary.placements);
  const goal = summary.goal ?? 'no agreement';
  const months = data.placementStats.map((m) => `${m.month}: ${m.placements ?? '<5'}`).join(', ');
  return `${name} (${province.name}), ${year}: ${placements} placements, goal ${goal}, ${percent(summary.compliance)} of the goal\n  by month — ${months}`;
}

export async function openVacanciesBySector(execute: Execute, communes?: string[]): Promise<string> {
  const data = await execute(OpenVacanciesBySector, { communes });
  return data.vacancyStats.map((row) => `  ${row.sector}: ${row.vacancies} vacancies, ${row.positions} positions`).join('\n');
}

export async function coursesByCommune(execute: Execute, commune: string, year: number): Promise<string> {
  const data = await execute(CoursesByCommune, { commune, year, first: 5 });
  const lines = data.courses.nodes.map(
    (c) => `  ${c.startDate} ${c.name} (${c.programme}, ${c.hours} h) by ${c.provider.name} ${c.provider.rut}`,
  );
  return [`${data.courses.totalCount} courses in ${year}; the first ${lines.length}:`, ...lines].join('\n');
}

/** `npm run example:partner` (GRAPHQL_URL, PARTNER_TOKEN): Puerto Montt's 2022 against goal and more. */
async function main() {
  const token = process.env.PARTNER_TOKEN;
  if (!token) throw new Error('set PARTNER_TOKEN (npm run -s token -- --role partner --client example-portal)');
  const execute = createClient({ url: process.env.GRAPHQL_URL ?? 'http://localhost:4000/graphql', token });
  console.log(await placementsAgainstGoal(execute, '10101', 2022));
  console.log('Open vacancies by sector, Puerto Montt:');
  console.log(await openVacanciesBySector(execute, ['10101']));
  console.log(await coursesByCommune(execute, '10101', 2022));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
