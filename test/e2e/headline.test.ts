import { data, tokenFor } from '../support/graphql';
import { describeEachDatabase } from '../support/platform';

describeEachDatabase('the 2022 headline through the gateway', (platform) => {
  it('answers the acceptance query without a token', async () => {
    const d = await data(
      platform().url,
      `{
      region(code: "10") {
        name
        provinces { code name communes { code name } }
        fomilAgreements(year: 2022) { commune { code } }
        placementSummary(year: 2022) { placements goal compliance }
      }
      commune(code: "10101") { name province { name } placementSummary(year: 2022) { placements goal compliance } }
      later: region(code: "10") { placementSummary(year: 2024) { placements } }
    }`,
    );
    const region = d.region;
    expect(region.name).toBe('Los Lagos');
    expect(region.provinces).toHaveLength(4);
    expect(region.provinces.flatMap((p: any) => p.communes)).toHaveLength(30);
    expect(region.fomilAgreements).toHaveLength(24);
    expect(region.placementSummary.placements).toBe(4948);
    expect(region.placementSummary.goal).toBeGreaterThanOrEqual(4875);
    expect(region.placementSummary.goal).toBeLessThanOrEqual(4923);
    expect(region.placementSummary.compliance.toFixed(2)).toBe('1.01');
    expect(d.commune.name).toBe('Puerto Montt');
    expect(d.commune.province.name).toBe('Llanquihue');
    expect(d.commune.placementSummary.placements).toBeGreaterThan(0);
    expect(d.commune.placementSummary.compliance).toBeCloseTo(d.commune.placementSummary.placements / d.commune.placementSummary.goal, 10);
    expect(d.later.placementSummary.placements).toBe(3247);
  });

  it('walks from a placement to its commune, province and region across subgraphs', async () => {
    const d = await data(
      platform().url,
      `{ placements(first: 1, filter: { communes: ["10208"] }) { nodes { commune { name province { name region { code } } } } } }`,
      undefined,
      await tokenFor('admin'),
    );
    expect(d.placements.nodes[0].commune).toEqual({ name: 'Quellón', province: { name: 'Chiloé', region: { code: '10' } } });
  });
});
