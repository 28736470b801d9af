import { GraphQLError } from 'graphql';
import { decodeCursor, PAGE_DEFAULT, pageWindow, toConnection } from '../../kit/pagination';
import { Order, SortDirection } from '../../kit/order';

describe('connections', () => {
  it('encodes offsets as opaque cursors and reads them back', async () => {
    const page = toConnection([1, 2, 3], pageWindow({ first: 2, after: null }, 'Thing'), 'Thing', async () => 7);
    expect(page.nodes).toEqual([1, 2]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(page.pageInfo.endCursor, 'Thing')).toBe(2);
    expect(await page.totalCount).toBe(7);
    const next = toConnection([3], pageWindow({ first: 2, after: page.pageInfo.endCursor }, 'Thing'), 'Thing', async () => 7);
    expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(decodeCursor(next.pageInfo.startCursor, 'Thing')).toBe(3);
  });

  it('counts only when totalCount is read', () => {
    const count = jest.fn(async () => 1);
    const page = toConnection([1], pageWindow({ first: 5 }, 'Thing'), 'Thing', count);
    expect(page.nodes).toEqual([1]);
    expect(count).not.toHaveBeenCalled();
  });

  it('rejects a cursor it did not issue, or one of another connection', () => {
    expect(() => decodeCursor('garbage', 'Thing')).toThrow(GraphQLError);
    expect(() => decodeCursor(Buffer.from('Thing:-1').toString('base64url'), 'Thing')).toThrow(/after/);
    const other = toConnection([1, 2], pageWindow({ first: 1 }, 'Other'), 'Other', async () => 2).pageInfo.endCursor;
    expect(() => decodeCursor(other, 'Thing')).toThrow(/not a cursor returned by this connection/);
  });

  it('rejects a cursor of the same connection in another order', () => {
    const ascending = toConnection([1, 2], pageWindow({ first: 1 }, 'Thing.DATE.ASC'), 'Thing.DATE.ASC', async () => 2).pageInfo.endCursor;
    expect(decodeCursor(ascending, 'Thing.DATE.ASC')).toBe(1);
    expect(() => decodeCursor(ascending, 'Thing.DATE.DESC')).toThrow(/in this order/);
    expect(() => decodeCursor(ascending, 'Thing')).toThrow(GraphQLError);
  });

  it('reads first: null as the default page size', () => {
    expect(pageWindow({ first: null as unknown as number }, 'Thing')).toEqual({ offset: 0, first: PAGE_DEFAULT, limit: PAGE_DEFAULT + 1 });
    const page = toConnection(
      Array.from({ length: PAGE_DEFAULT + 1 }, (_, i) => i),
      pageWindow({ first: null as unknown as number }, 'Thing'),
      'Thing',
      async () => 0,
    );
    expect(page.nodes).toHaveLength(PAGE_DEFAULT);
    expect(page.pageInfo.endCursor).not.toBeNull();
  });
});

describe('list orders', () => {
  type Row = { id: number; startDate: string; name: string };
  const ThingOrder = Order<Row, 'START_DATE' | 'NAME'>(
    'KitTestThing',
    { START_DATE: 'startDate', NAME: 'name' },
    { field: 'START_DATE', direction: SortDirection.DESC },
  );

  it('defaults to the declared order and always ends with the id, in the same direction', () => {
    expect(ThingOrder.resolve(undefined)).toEqual({ key: 'START_DATE.DESC', orderBy: { startDate: 'desc', id: 'desc' } });
    expect(ThingOrder.resolve({ field: 'NAME' })).toEqual({ key: 'NAME.ASC', orderBy: { name: 'asc', id: 'asc' } });
    expect(ThingOrder.resolve({ field: 'NAME', direction: SortDirection.DESC }).orderBy).toEqual({ name: 'desc', id: 'desc' });
    expect(Object.keys(ThingOrder.resolve({ field: 'NAME' }).orderBy)).toEqual(['name', 'id']);
  });
});
