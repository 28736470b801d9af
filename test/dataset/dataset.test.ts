import { DatasetRecord } from '../../kit/dataset';
import { post, tokenFor } from '../support/graphql';
import { describeEachDatabase, startPlatform, type Platform } from '../support/platform';
import { SEEDING_STARTED_AT, testDatabaseKinds } from '../support/databases';

describeEachDatabase('the demo dataset is labelled synthetic', (platform) => {
  it('on every answer, as a response extension naming the subgraphs that answered', async () => {
    const body = await post(platform().url, '{ region(code: "10") { name placementSummary(year: 2022) { placements } } }');
    expect(body.data.region).toEqual({ name: 'Los Lagos', placementSummary: { placements: 4948 } });
    expect(body.extensions?.dataset).toEqual({
      synthetic: true,
      notice: expect.stringContaining('Synthetic demonstration data'),
      origins: { communes: 'SYNTHETIC', placements: 'SYNTHETIC' },
    });
  });

  it('on an answer that also carries errors, when data was served', async () => {
    const body = await post(platform().url, '{ region(code: "10") { name } placements(first: 1) { totalCount } }');
    expect(body.data.region).toEqual({ name: 'Los Lagos' });
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.extensions?.dataset).toMatchObject({ synthetic: true, origins: { communes: 'SYNTHETIC', placements: 'SYNTHETIC' } });
  });

  it('not on a request refused before any subgraph was asked', async () => {
    const body = await post(platform().url, '{ region(code: "10") { nope } }');
    expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.extensions?.dataset).toBeUndefined();
  });

  it('describes the dataset in the root field `dataset`, the same in every subgraph', async () => {
    const body = await post(platform().url, '{ dataset { origin synthetic scale seededAt description } }', undefined, {
      authorization: `Bearer ${await tokenFor('analyst')}`,
    });
    expect(body.data.dataset).toMatchObject({ origin: 'SYNTHETIC', synthetic: true, scale: 1 });
    expect(body.data.dataset.description).toContain('describe no real person or company');
    // Seeded by this run (test/support/global-setup.ts), however long the run has taken since (a second's slack for rounding).
    const seededAt = Date.parse(body.data.dataset.seededAt);
    expect(seededAt).toBeGreaterThanOrEqual(Date.parse(process.env[SEEDING_STARTED_AT]!) - 1000);
    expect(seededAt).toBeLessThanOrEqual(Date.now());
    expect(body.extensions?.dataset.synthetic).toBe(true);
    for (const app of Object.values(platform().subgraphs)) {
      expect(app.dataset).toMatchObject({ origin: 'SYNTHETIC', synthetic: true, scale: 1, description: body.data.dataset.description });
    }
  });

  it('is recorded in each database', async () => {
    const rows = await Promise.all(Object.values(platform().subgraphs).map((app) => app.db!.em.fork().find(DatasetRecord, {})));
    expect(rows.map((r) => r.map(({ id, origin, scale }) => ({ id, origin, scale })))).toEqual(
      Array(5).fill([{ id: 1, origin: 'SYNTHETIC', scale: 1 }]),
    );
  });
});

describe.each(testDatabaseKinds())('an empty dataset [%s]', (kind) => {
  let platform: Platform | undefined;
  beforeAll(async () => {
    platform = await startPlatform(kind, undefined, { seed: false });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('says it is not synthetic, on the answer and in `dataset`', async () => {
    const body = await post(platform!.url, '{ dataset { origin synthetic scale seededAt } regions { code } }');
    expect(body.data).toEqual({ dataset: { origin: 'EMPTY', synthetic: false, scale: null, seededAt: null }, regions: [] });
    expect(body.extensions?.dataset).toEqual({ synthetic: false, origins: { communes: 'EMPTY' } });
  });
});
