import { GraphQLError } from 'graphql';
import { decodeCursor, toConnection } from '../../subgraphs/kit/pagination';

describe('connections', () => {
  it('encodes offsets as opaque cursors and reads them back', async () => {
    const page = toConnection([1, 2, 3], { first: 2, after: null }, async () => 7);
    expect(page.nodes).toEqual([1, 2]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(page.pageInfo.endCursor)).toBe(2);
    expect(await page.totalCount).toBe(7);
    const next = toConnection([3], { first: 2, after: page.pageInfo.endCursor }, async () => 7);
    expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('counts only when totalCount is read', () => {
    const count = jest.fn(async () => 1);
    const page = toConnection([1], { first: 5 }, count);
    expect(page.nodes).toEqual([1]);
    expect(count).not.toHaveBeenCalled();
  });

  it('rejects a cursor it did not issue', () => {
    expect(() => decodeCursor('garbage')).toThrow(GraphQLError);
    expect(() => decodeCursor(Buffer.from('o:-1').toString('base64url'))).toThrow(/after/);
  });
});
