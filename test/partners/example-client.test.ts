import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { authConfigFromEnv, signToken } from '../../kit/auth';
import { projectPath } from '../../kit/assets';
import { readManifest, TRUSTED_DOCUMENTS_DIR } from '../../gateway/trusted-documents';
import { createClient, PlatformError } from '../../examples/partner-client/src/client';
import { coursesByCommune, openVacanciesBySector, placementsAgainstGoal } from '../../examples/partner-client/src/main';
import { CommunePlacements, CoursesByCommune, OpenVacancies, OpenVacanciesBySector } from '../../examples/partner-client/src/operations';
import { data } from '../support/graphql';
import { startPlatform, type Platform } from '../support/platform';
import { publishedPlacementsByMonth } from '../support/disclosure';

describe('the example partner client (examples/partner-client)', () => {
  it('is generated from schema/api.graphql as committed: run `npm run codegen:partner` after changing its operations or the schema', () => {
    let out: string;
    try {
      out = execFileSync('node', ['-r', '@swc-node/register', 'scripts/partner-codegen-check.ts'], {
        cwd: projectPath(),
        encoding: 'utf8',
      });
    } catch (error) {
      out = (error as { stdout: string }).stdout;
    }
    const dir = 'examples/partner-client/src/gql/';
    expect(JSON.parse(out)).toEqual({
      files: ['gql.ts', 'graphql.ts', 'index.ts', 'persisted-documents.json'].map((f) => dir + f),
      stale: [],
    });
  });

  it('has every operation registered as trusted documents of "example-portal"', () => {
    const generated = JSON.parse(readFileSync(projectPath('examples', 'partner-client', 'src', 'gql', 'persisted-documents.json'), 'utf8'));
    expect(readManifest(TRUSTED_DOCUMENTS_DIR, 'example-portal').operations).toMatchObject(generated);
    for (const document of [CommunePlacements, OpenVacanciesBySector, OpenVacancies, CoursesByCommune]) {
      expect(generated).toHaveProperty([(document as { __meta__?: { hash: string } }).__meta__!.hash]);
    }
  });

  it('type-checks (tsc -p examples/partner-client)', () => {
    expect(() => execFileSync('npx', ['tsc', '-p', 'examples/partner-client'], { cwd: projectPath(), encoding: 'utf8' })).not.toThrow();
  });

  describe('against the platform', () => {
    let platform: Platform;
    let execute: ReturnType<typeof createClient>;
    beforeAll(async () => {
      platform = await startPlatform('sqlite');
      const token = await signToken({ sub: 'example-portal', roles: ['partner'], client: 'example-portal' }, authConfigFromEnv(), '10m');
      execute = createClient({ url: platform.url, token });
    });
    afterAll(async () => {
      await platform?.close();
    });

    it("prints Puerto Montt's 2022 placements against goal: 1,657 of 1,769 (93.7%), as placementStats says", async () => {
      const result = await execute(CommunePlacements, { commune: '10101', year: 2022 });
      expect(result.commune!.placementSummary).toEqual({
        year: 2022,
        suppressed: false,
        placements: 1657,
        goal: 1769,
        compliance: 1657 / 1769,
      });
      const stats = await data(
        platform.url,
        '{ placementStats(filter: { years: [2022], communes: ["10101"] }, groupBy: [COMMUNE]) { placements goal compliance } }',
      );
      expect(stats.placementStats).toEqual([{ placements: 1657, goal: 1769, compliance: 1657 / 1769 }]);
      expect(result.placementStats.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      // The months are perturbed cells (the total stays exact): each the cell-key value of its rows in the database.
      const months = await publishedPlacementsByMonth(platform.subgraphs.placements.db!.em.fork(), '10101', 2022);
      expect(result.placementStats.map((m) => m.placements)).toEqual(months);
      expect(await placementsAgainstGoal(execute, '10101', 2022)).toBe(
        `Puerto Montt (Llanquihue), 2022: 1657 placements, goal 1769, 93.7% of the goal\n  by month — ${months.map((n, i) => `${i + 1}: ${n}`).join(', ')}`,
      );
    });

    it("lists open vacancies by sector and a commune's courses, typed, with the platform's totals", async () => {
      const bySector = await execute(OpenVacanciesBySector, { communes: ['10101'] });
      const open = await data(platform.url, '{ vacancies(first: 0, filter: { statuses: [OPEN], communes: ["10101"] }) { totalCount } }');
      expect(bySector.vacancyStats.reduce((sum, row) => sum + row.vacancies, 0)).toBe(open.vacancies.totalCount);
      expect(await openVacanciesBySector(execute, ['10101'])).toContain(
        `  G: ${bySector.vacancyStats.find((r) => r.sector === 'G')!.vacancies} vacancies`,
      );
      const retail = await execute(OpenVacancies, { sectors: ['G'], communes: ['10101'], first: 3 });
      expect(retail.vacancies.nodes.every((v) => v.sector === 'G' && v.commune?.name === 'Puerto Montt' && v.wageMin <= v.wageMax)).toBe(
        true,
      );
      const courses = await execute(CoursesByCommune, { commune: '10101', year: 2022 });
      expect(courses.courses.totalCount).toBe(44);
      expect(courses.courses.nodes[0].provider.rut).toMatch(/^\d{1,2}\.\d{3}\.\d{3}-[\dK]$/);
      expect(await coursesByCommune(execute, '10101', 2022)).toMatch(/^44 courses in 2022; the first 5:\n {2}2022-01-08 /);
    });

    it('gets a coded error for an operation the platform does not know', async () => {
      const forged = { ...CommunePlacements, __meta__: { hash: 'sha256:' + '0'.repeat(64) } } as unknown as typeof CommunePlacements;
      await expect(execute(forged, { commune: '10101', year: 2022 })).rejects.toMatchObject({
        status: 404,
        errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_FOUND' }) })],
      });
      await expect(execute(forged, { commune: '10101', year: 2022 })).rejects.toBeInstanceOf(PlatformError);
    });
  });
});
