import { data, tokenFor } from '../support/graphql';
import { describeEachDatabase } from '../support/platform';

const PAGE = `query($first: Int!) { placements(first: $first, filter: { year: 2022 }) {
  nodes { id startDate commune { code name province { name } } }
} }`;

describeEachDatabase('batching', (platform) => {
  async function statementsFor(first: number) {
    const { communes, placements } = platform().subgraphs;
    communes.db!.statements.reset();
    placements.db!.statements.reset();
    const d = await data(platform().url, PAGE, { first }, await tokenFor('admin'));
    expect(d.placements.nodes).toHaveLength(first);
    expect(d.placements.nodes.every((n: any) => n.commune.name && n.commune.province.name)).toBe(true);
    return { placements: placements.db!.statements.count, communes: communes.db!.statements.count };
  }

  it('costs one statement per subgraph fetch for a page of placements with their communes, whatever its size', async () => {
    const small = await statementsFor(10);
    const large = await statementsFor(100);
    // placements: the page (no COUNT unless totalCount is asked). communes: the communes, then their provinces.
    expect(large).toEqual({ placements: 1, communes: 2 });
    expect(small).toEqual(large);
  });

  it('summarises every commune of the region in two statements (counts, goals), not 60', async () => {
    const { placements } = platform().subgraphs;
    placements.db!.statements.reset();
    const d = await data(platform().url, `{ region(code: "10") { communes { placementSummary(year: 2022) { placements goal } } } }`);
    expect(d.region.communes).toHaveLength(30);
    expect(placements.db!.statements.count).toBe(2);
  });
});
