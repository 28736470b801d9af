import { GraphQLError } from 'graphql';
import { decodeCursor, PAGE_DEFAULT, pageWindow, toConnection } from '../../kit/pagination';

describe('connections', () => {
  it('encodes offsets as opaque cursors and reads them back', async () => {
    const page = toConnection([1, 2, 3], { first: 2, after: null }, 'Thing', async () => 7);
    expect(page.nodes).toEqual([1, 2]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(page.pageInfo.endCursor, 'Thing')).toBe(2);
    expect(await page.totalCount).toBe(7);
    const next = toConnection([3], { first: 2, after: page.pageInfo.endCursor }, 'Thing', async () => 7);
    expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('counts only when totalCount is read', () => {
    const count = jest.fn(async () => 1);
    const page = toConnection([1], { first: 5 }, 'Thing', count);
    expect(page.nodes).toEqual([1]);
    expect(count).not.toHaveBeenCalled();
  });

  it('rejects a cursor it did not issue, or one of another connection', () => {
    expect(() => decodeCursor('garbage', 'Thing')).toThrow(GraphQLError);
    expect(() => decodeCursor(Buffer.from('Thing:-1').toString('base64url'), 'Thing')).toThrow(/after/);
    const other = toConnection([1, 2], { first: 1 }, 'Other', async () => 2).pageInfo.endCursor;
    expect(() => decodeCursor(other, 'Thing')).toThrow(/not a cursor returned by this connection/);
  });

  it('reads first: null as the default page size', () => {
    expect(pageWindow({ first: null as unknown as number }, 'Thing')).toEqual({ offset: 0, limit: PAGE_DEFAULT + 1 });
    const page = toConnection(Array.from({ length: PAGE_DEFAULT + 1 }, (_, i) => i), { first: null as unknown as number }, 'Thing', async () => 0);
    expect(page.nodes).toHaveLength(PAGE_DEFAULT);
    expect(page.pageInfo.endCursor).not.toBeNull();
  });
});
