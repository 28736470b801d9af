import { Admission } from '../../gateway/admission';
import { bearer, errorCodes, tokenFor } from '../support/graphql';
import { describeEachDatabase } from '../support/platform';

// 30 communes × 12 months × 5 contract types × 2 sexes: 3,600 rows at most.
const STATS = (alias: string) => `${alias}: placementStats(groupBy: [COMMUNE, MONTH, CONTRACT_TYPE, SEX]) { placements }`;

// Issue 12, finding 2: ten root statistics at the row cap passed in one request, and a batch of ten
// operations was costed one operation at a time.
describeEachDatabase('heavy requests', (platform) => {
  it('caps the statistics rows of one request, all its fields together', async () => {
    const token = await tokenFor('analyst');
    const two = await fetch(platform().url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(token) },
      body: JSON.stringify({ query: `{ ${STATS('a')} ${STATS('b')} }` }),
    });
    expect(two.status).toBe(200);
    const three = await fetch(platform().url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(token) },
      body: JSON.stringify({ query: `{ ${STATS('a')} ${STATS('b')} ${STATS('c')} }` }),
    });
    const body = (await three.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(three.status).toBe(400);
    expect(body.errors[0].extensions).toMatchObject({ code: 'STATISTICS_ROW_LIMIT_EXCEEDED', limit: 10_000, value: 10_800 });
  });

  it('costs a batch as a whole: the operation that goes over the request budget is refused', async () => {
    const token = await tokenFor('analyst');
    const res = await fetch(platform().url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(token) },
      body: JSON.stringify([1, 2, 3].map((i) => ({ query: `{ ${STATS(`s${i}`)} }` }))),
    });
    const answers = (await res.json()) as { data?: unknown; errors?: { extensions: Record<string, unknown> }[] }[];
    expect(answers.map((a) => errorCodes(a as never))).toEqual([[], [], ['STATISTICS_ROW_LIMIT_EXCEEDED']]);
  });
});

describe('admission of heavy operations', () => {
  it('runs at most `concurrency` at once, queues a bounded number, refuses the rest with RATE_LIMITED', async () => {
    const admission = new Admission(2, 1);
    const first = await admission.acquire();
    await admission.acquire();
    let thirdStarted = false;
    const third = admission.acquire().then((release) => {
      thirdStarted = true;
      return release;
    });
    await expect(admission.acquire()).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    await new Promise((r) => setImmediate(r));
    expect(thirdStarted).toBe(false);
    first();
    first(); // releasing twice frees one slot only
    (await third)();
    expect(thirdStarted).toBe(true);
  });
});
