import { parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { checkOperation, limitsFromEnv } from '../../gateway/limits';
import { loadListSizes } from '../../gateway/supergraph';
import { subgraphSchema } from '../../kit/subgraph';
import { employersSubgraph } from '../../subgraphs/employers/subgraph';
import { placementsSubgraph } from '../../subgraphs/placements/subgraph';

let placements: GraphQLSchema;
let employers: GraphQLSchema;
beforeAll(async () => {
  [placements, employers] = await Promise.all([subgraphSchema(placementsSubgraph), subgraphSchema(employersSubgraph)]);
});

/** The estimated cost of an operation, read off the COST_LIMIT_EXCEEDED error a budget of 1 gives. */
function cost(query: string, statistics = loadListSizes(), schema = placements): number {
  const document = parse(query);
  const limits = { ...limitsFromEnv({}), statistics, cost: { public: 1, partner: 1, authenticated: 1 } };
  try {
    checkOperation(document, document.definitions[0] as OperationDefinitionNode, schema, {}, null, limits);
  } catch (error) {
    return (error as { extensions: { value: number } }).extensions.value;
  }
  return 1;
}

describe('the cost of a statistics field', () => {
  it('multiplies the sizes its declaration gives each grouped dimension (schema/list-sizes.json)', () => {
    const sizes = loadListSizes();
    expect(sizes.placementStats).toMatchObject({ COMMUNE: 30, SEX: 2, YEAR: 10, CONTRACT_TYPE: 5 });
    // Each row costs 1 and its commune object 1 more.
    expect(cost('{ placementStats(groupBy: [COMMUNE, SEX]) { commune { code } placements } }')).toBe(30 * 2 * 2);
    expect(cost('{ vacancyStats(groupBy: [STATUS]) { status vacancies } }', sizes, employers)).toBe(3);
  });

  it('follows the artifact, not a list kept in the gateway', () => {
    const sizes = loadListSizes();
    const doubled = { ...sizes, placementStats: { ...sizes.placementStats, SEX: 4 } };
    expect(cost('{ placementStats(groupBy: [SEX]) { placements } }', doubled)).toBe(4);
  });

  it('assumes the row cap for a dimension the artifact does not know', () => {
    expect(cost('{ placementStats(groupBy: [SEX]) { placements } }', {})).toBe(10_000);
  });
});

describe('the advice of a refused cost (issue 12, finding 14)', () => {
  function refusal(query: string): string {
    const document = parse(query);
    const limits = { ...limitsFromEnv({}), cost: { public: 1, partner: 1, authenticated: 1 } };
    try {
      checkOperation(document, document.definitions[0] as OperationDefinitionNode, placements, {}, null, limits);
    } catch (error) {
      return (error as Error).message;
    }
    return '';
  }

  it('tells a statistics request to group by fewer dimensions, not to lower `first`', () => {
    const message = refusal('{ placementStats(groupBy: [COMMUNE, SEX]) { placements } }');
    expect(message).toContain('Group statistics by fewer dimensions (groupBy)');
    expect(message).not.toContain('first');
    expect(refusal('{ placements(first: 50) { nodes { id } } }')).toContain('Ask for fewer items (first)');
  });
});
