import { communesSubgraph } from '../../subgraphs/communes/subgraph';
import { employersSubgraph } from '../../subgraphs/employers/subgraph';
import { personsSubgraph } from '../../subgraphs/persons/subgraph';
import { placementsSubgraph } from '../../subgraphs/placements/subgraph';
import { trainingSubgraph } from '../../subgraphs/training/subgraph';
import type { SubgraphDefinition } from '../../kit/subgraph';
import { describeSubgraph, viewer, type TestSubgraph, type Who } from '../support/subgraph';

/** A list to sort: its root field, the fields of a node, its key and the orders to try. */
interface List {
  field: string;
  node: string;
  key: string;
  who?: Who;
  /** enum value → node field holding it; `compare: false` for text (collations differ by database). */
  orders: Record<string, { by: string; compare?: boolean }>;
  /** A small list (≤ 100 rows): DESC must be exactly ASC reversed. */
  small?: boolean;
}

const BIG = 100;
const STEP = 7;

async function page(sg: TestSubgraph, list: List, orderBy: string, first: number, after: string | null) {
  const q = `query($first: Int, $after: String) { ${list.field}(first: $first, after: $after, orderBy: ${orderBy}) {
    nodes { ${list.node} } pageInfo { hasNextPage endCursor } } }`;
  return (await sg.data(q, { first, after }, list.who))[list.field];
}

/** Pages of `STEP` walked until `BIG` rows: the same rows, in the same order, as one page of `BIG`. */
async function walk(sg: TestSubgraph, list: List, orderBy: string): Promise<any[]> {
  const rows: any[] = [];
  let after: string | null = null;
  for (;;) {
    const p: any = await page(sg, list, orderBy, STEP, after);
    rows.push(...p.nodes);
    if (!p.pageInfo.hasNextPage || rows.length >= BIG) return rows.slice(0, BIG);
    after = p.pageInfo.endCursor;
  }
}

const cmp = (a: unknown, b: unknown) => (a === b ? 0 : (a as number | string) < (b as number | string) ? -1 : 1);

function describeOrders(definition: SubgraphDefinition<any>, lists: List[]) {
  describeSubgraph(definition, `${definition.name}: list orders`, (subgraph) => {
    for (const list of lists) {
      for (const [value, { by, compare = true }] of Object.entries(list.orders)) {
        it(`${list.field} by ${value}, ascending and descending, stable across cursors`, async () => {
          const sg = subgraph();
          for (const direction of ['ASC', 'DESC']) {
            const orderBy = `{ field: ${value}, direction: ${direction} }`;
            const big = (await page(sg, list, orderBy, BIG, null)).nodes;
            expect(big.length).toBeGreaterThan(STEP);
            const walked = await walk(sg, list, orderBy);
            expect(walked.map((n) => n[list.key])).toEqual(big.map((n: any) => n[list.key]));
            expect(new Set(walked.map((n) => n[list.key])).size).toBe(walked.length);
            if (compare) {
              const sign = direction === 'ASC' ? 1 : -1;
              for (let i = 1; i < big.length; i++) {
                const c = cmp(big[i - 1][by], big[i][by]) || cmp(Number(big[i - 1][list.key]), Number(big[i][list.key]));
                expect(c * sign).toBeLessThan(0);
              }
            }
          }
          if (list.small) {
            const asc = (await page(sg, list, `{ field: ${value} }`, BIG, null)).nodes.map((n: any) => n[list.key]);
            const desc = (await page(sg, list, `{ field: ${value}, direction: DESC }`, BIG, null)).nodes.map((n: any) => n[list.key]);
            expect(desc).toEqual([...asc].reverse());
          }
        });
      }

      it(`${list.field} refuses a cursor of another order`, async () => {
        const sg = subgraph();
        const [first, second] = Object.keys(list.orders);
        const one = await page(sg, list, `{ field: ${first}, direction: ASC }`, 2, null);
        const other = second ? `{ field: ${second}, direction: ASC }` : `{ field: ${first}, direction: DESC }`;
        const q = `query($after: String) { ${list.field}(first: 2, after: $after, orderBy: ${other}) { nodes { ${list.key} } } }`;
        const body = await sg.execute(q, { after: one.pageInfo.endCursor }, list.who);
        expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
        expect(body.errors![0].extensions!.field).toBe('after');
        // The same order takes it.
        const same = `query($after: String) { ${list.field}(first: 2, after: $after, orderBy: { field: ${first} }) { nodes { ${list.key} } } }`;
        expect((await sg.execute(same, { after: one.pageInfo.endCursor }, list.who)).errors).toBeUndefined();
      });
    }
  });
}

// Person-level lists (enrolments, placements) are for admins and the commune's municipality/omil.
const admin = viewer('admin');

describeOrders(communesSubgraph, [
  {
    field: 'communes',
    node: 'code name population',
    key: 'code',
    small: true,
    orders: { CODE: { by: 'code' }, NAME: { by: 'name', compare: false }, POPULATION: { by: 'population' } },
  },
]);
describeOrders(personsSubgraph, [
  { field: 'persons', node: 'id registeredAt', key: 'id', who: viewer('admin'), orders: { REGISTERED_AT: { by: 'registeredAt' } } },
]);
describeOrders(employersSubgraph, [
  { field: 'employers', node: 'id name', key: 'id', orders: { NAME: { by: 'name', compare: false } } },
  {
    field: 'vacancies',
    node: 'id openedAt wageMin wageMax',
    key: 'id',
    orders: { OPENED_AT: { by: 'openedAt' }, WAGE_MIN: { by: 'wageMin' }, WAGE_MAX: { by: 'wageMax' } },
  },
]);
describeOrders(trainingSubgraph, [
  {
    field: 'courses',
    node: 'id startDate name',
    key: 'id',
    orders: { START_DATE: { by: 'startDate' }, NAME: { by: 'name', compare: false } },
  },
  { field: 'workshops', node: 'id date', key: 'id', orders: { DATE: { by: 'date' } } },
  { field: 'enrollments', node: 'id enrolledAt', key: 'id', who: admin, orders: { ENROLLED_AT: { by: 'enrolledAt' } } },
  { field: 'providers', node: 'id name', key: 'id', small: true, orders: { NAME: { by: 'name', compare: false } } },
]);
describeOrders(placementsSubgraph, [
  { field: 'placements', node: 'id startDate', key: 'id', who: admin, orders: { START_DATE: { by: 'startDate' } } },
]);
