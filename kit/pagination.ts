import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { IsInt, Max, Min } from 'class-validator';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { badUserInput } from './errors';
import { PAGE_DEFAULT, PAGE_MAX } from './config';
import type { ListOrder } from './order';
import { readRows } from './loaders';

export { PAGE_DEFAULT, PAGE_MAX };

/** `first`/`after` of every connection. Cursors are opaque; today they encode an offset. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: PAGE_DEFAULT, description: `Page size, 0 to ${PAGE_MAX}.` })
  @IsInt({ message: 'must be an integer' })
  @Min(0, { message: `must be between 0 and ${PAGE_MAX}` })
  @Max(PAGE_MAX, { message: `must be between 0 and ${PAGE_MAX}` })
  first: number = PAGE_DEFAULT;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
  after?: string | null;
}

// Shared by every subgraph that has a connection, so it is @shareable in the supergraph.
@ObjectType({ description: 'Relay page information.' })
@Directive('@shareable')
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: Promise<number> | number;
}

/** Builds the `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function Connection<T extends object>(Node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => Node) node!: T;
    @Field() cursor!: string;
  }
  @ObjectType()
  abstract class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => [Node], { description: 'The nodes of `edges`, for clients that need no cursors.' }) nodes!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'All matching items, across pages.' }) totalCount!: number;
  }
  return ConnectionType;
}

/** `first` as asked, or the default when omitted or null. */
const pageSize = (args: PageArgs) => args.first ?? PAGE_DEFAULT;

// A cursor names its connection's node type and order, so a cursor of another list or of
// another order of the same list is refused (its offset would point elsewhere).
const KIND = /^[A-Za-z][A-Za-z0-9_.]*$/;
const encode = (kind: string, offset: number) => Buffer.from(`${kind}:${offset}`).toString('base64url');

/** The offset of the row after the cursor (0 without one). */
export function decodeCursor(cursor: string | null | undefined, kind: string): number {
  if (cursor == null) return 0;
  const m = /^([A-Za-z][A-Za-z0-9_.]*):(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m || m[1] !== kind) throw badUserInput('after', 'is not a cursor returned by this connection in this order');
  return Number(m[2]) + 1;
}

export interface PageWindow {
  offset: number;
  first: number;
  /** Rows to fetch: one more than asked, to know whether a next page exists. */
  limit: number;
}

export function pageWindow(args: PageArgs, kind: string): PageWindow {
  if (!KIND.test(kind)) throw new Error(`cursor kind "${kind}" must be letters, digits, _ and .`);
  const first = pageSize(args);
  return { offset: decodeCursor(args.after, kind), first, limit: first + 1 };
}

/**
 * Turns the fetched rows (up to window.limit) into a connection. `count` runs only when a
 * client selects totalCount, so a page costs one statement unless the total is asked for.
 */
export function toConnection<T>(rows: T[], window: PageWindow, kind: string, count: () => Promise<number>): ConnectionShape<T> {
  const { offset, first } = window;
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node, i) => ({ node, cursor: encode(kind, offset + i) }));
  let total: Promise<number> | undefined;
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return (total ??= count());
    },
  };
}

/**
 * One page of an entity as a connection: `first + 1` rows in the list's order (which ends with
 * the unique id), and a COUNT only if the client selects totalCount.
 */
export async function findPage<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  order: ListOrder<T>,
  page: PageArgs,
): Promise<ConnectionShape<T>> {
  const kind = `${em.getMetadata().get(entity).className}.${order.key}`;
  const window = pageWindow(page, kind);
  const rows = await readRows(em, entity, where, { orderBy: order.orderBy as never, offset: window.offset, limit: window.limit });
  return toConnection(rows, window, kind, () => em.count(entity, where));
}
