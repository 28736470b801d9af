import {
  GraphQLError,
  getNamedType,
  isListType,
  getNullableType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  getVariableValues,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Viewer } from '../kit/context';
import { MAX_STAT_ROWS, PAGE_DEFAULT, positiveIntFromEnv } from '../kit/config';
import { loadListSizes, type ListSizes } from './supergraph';
import { Admission } from './admission';

/** Request limits, checked at the gateway after validation and before planning. */
export interface Limits {
  depth: number;
  aliases: number;
  rootFields: number;
  tokens: number;
  bodyBytes: number;
  batch: number;
  /** Cost budgets: the public (no token), partners, every other role. */
  cost: { public: number; partner: number; authenticated: number };
  /** Assumed size of a list field without a `first` argument (the region's 30 communes). */
  listSize: number;
  /** Per statistics field, the distinct values of each dimension (schema/list-sizes.json). */
  statistics: ListSizes;
  /** Statistics rows one HTTP request may ask for, all its fields and batched operations together. */
  statRows: number;
  /** From this estimated cost an operation is heavy: at most `heavyConcurrency` run at once, `heavyQueue` wait. */
  heavyCost: number;
  heavyConcurrency: number;
  heavyQueue: number;
}

/** What the operations of one HTTP request (a batch) have used of its budgets so far. */
export interface Spent {
  cost: number;
  statRows: number;
}

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Limits {
  const n = (name: string, fallback: number) => positiveIntFromEnv(env, name, fallback);
  return {
    depth: n('LIMIT_DEPTH', 12),
    aliases: n('LIMIT_ALIASES', 15),
    rootFields: n('LIMIT_ROOT_FIELDS', 10),
    tokens: n('LIMIT_TOKENS', 3000),
    bodyBytes: n('LIMIT_BODY_BYTES', 100_000),
    batch: n('LIMIT_BATCH', 10),
    cost: { public: n('LIMIT_COST_PUBLIC', 5_000), partner: n('LIMIT_COST_PARTNER', 50_000), authenticated: n('LIMIT_COST', 200_000) },
    listSize: n('LIMIT_LIST_SIZE', 30),
    statistics: loadListSizes(),
    statRows: n('LIMIT_STAT_ROWS', MAX_STAT_ROWS),
    heavyCost: n('LIMIT_HEAVY_COST', 5_000),
    heavyConcurrency: n('LIMIT_HEAVY_CONCURRENCY', 1),
    heavyQueue: n('LIMIT_HEAVY_QUEUE', 50),
  };
}

export function limitError(code: string, message: string, limit: number, value: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, value, http: { status: 400 } } });
}

interface Walk {
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  schema: GraphQLSchema;
  listSize: number;
  statistics: ListSizes;
  /** Each fragment is measured once (per paging context): a spread reuses its numbers. */
  memo: Map<string, Measure>;
  /** Whether the operation asks for statistics (the advice on a refusal differs). */
  grouped?: boolean;
  /** Statistics rows the operation can return, all its statistics fields together. */
  statRows: number;
}

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

const NOTHING: Measure = { depth: 0, aliases: 0, cost: 0 };

function argumentValue(field: FieldNode, name: string, walk: Walk): unknown {
  const arg = field.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  return valueFromASTUntyped(arg.value, walk.variables);
}

function firstArgument(field: FieldNode, walk: Walk): number | undefined {
  const value = argumentValue(field, 'first', walk);
  return typeof value === 'number' && value >= 0 ? value : undefined;
}

/**
 * Rows a statistics field can return: the product of its grouped dimensions' sizes, as the
 * statistic declares them, capped as the subgraphs cap; an unknown field or dimension, the cap.
 */
function statsRows(field: FieldNode, walk: Walk): number {
  const groupBy = argumentValue(field, 'groupBy', walk);
  const dims = Array.isArray(groupBy) ? [...new Set(groupBy.map(String))] : [];
  const sizes = walk.statistics[field.name.value] ?? {};
  return Math.min(
    MAX_STAT_ROWS,
    dims.reduce((rows, d) => rows * (sizes[d] ?? MAX_STAT_ROWS), 1),
  );
}

/**
 * Depth, aliases and cost of a selection set, fragments expanded (each measured once).
 * Cost estimates the objects a response holds: each object costs 1, times the size of the lists
 * above it — `first` where given (a literal, a variable or its default), the page default on a
 * connection, the grouped dimensions' sizes on a statistics field (`groupBy`), else `listSize`
 * for a list. Inside a paged field (`paged`), its edges/nodes lists are the page itself (×1).
 * `__typename` is free; other introspection fields count for aliases and root fields, not depth.
 */
function measure(selectionSet: SelectionSetNode, type: GraphQLCompositeType | undefined, walk: Walk, paged: boolean): Measure {
  const total = { ...NOTHING };
  const add = (m: Measure, extraDepth: number, multiplier = 1, own = 0) => {
    total.depth = Math.max(total.depth, extraDepth + m.depth);
    total.aliases += m.aliases;
    total.cost += multiplier * (own + m.cost);
  };
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.alias) total.aliases++;
      const name = selection.name.value;
      if (name.startsWith('__')) {
        if (selection.selectionSet) total.aliases += measure(selection.selectionSet, undefined, walk, paged).aliases;
        continue;
      }
      const fieldDef = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[name] : undefined;
      const childType = fieldDef ? getNamedType(fieldDef.type) : undefined;
      const list = fieldDef ? isListType(getNullableType(fieldDef.type)) : false;
      const first = firstArgument(selection, walk);
      const pages = first !== undefined || Boolean(fieldDef?.args.some((a) => a.name === 'first'));
      const grouped = Boolean(fieldDef?.args.some((a) => a.name === 'groupBy'));
      if (grouped) {
        walk.grouped = true;
        walk.statRows += statsRows(selection, walk);
      }
      const multiplier = first ?? (pages ? PAGE_DEFAULT : grouped ? statsRows(selection, walk) : list && !paged ? walk.listSize : 1);
      const child = selection.selectionSet
        ? measure(selection.selectionSet, childType && isCompositeType(childType) ? childType : undefined, walk, pages)
        : NOTHING;
      add(child, 1, multiplier, selection.selectionSet ? 1 : 0);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const target = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      add(measure(selection.selectionSet, target && isCompositeType(target) ? target : type, walk, paged), 0);
    } else {
      add(fragmentMeasure(selection.name.value, walk, paged), 0);
    }
  }
  return total;
}

function fragmentMeasure(name: string, walk: Walk, paged: boolean): Measure {
  const key = `${name}|${paged}`;
  const known = walk.memo.get(key);
  if (known) return known;
  const fragment = walk.fragments.get(name);
  walk.memo.set(key, NOTHING); // a cycle (invalid anyway) counts nothing more
  const target = fragment && walk.schema.getType(fragment.typeCondition.name.value);
  const result = fragment && target && isCompositeType(target) ? measure(fragment.selectionSet, target, walk, paged) : NOTHING;
  walk.memo.set(key, result);
  return result;
}

function rootFieldCount(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, memo: Map<string, number>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value === '__typename' ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFieldCount(selection.selectionSet, fragments, memo);
    else {
      const name = selection.name.value;
      if (!memo.has(name)) {
        memo.set(name, 0);
        const fragment = fragments.get(name);
        memo.set(name, fragment ? rootFieldCount(fragment.selectionSet, fragments, memo) : 0);
      }
      count += memo.get(name)!;
    }
  }
  return count;
}

export function costBudget(viewer: Viewer | null, limits: Limits): number {
  if (!viewer) return limits.cost.public;
  if (viewer.roles.every((r) => r === 'partner')) return limits.cost.partner;
  return limits.cost.authenticated;
}

/**
 * Throws the first limit an operation exceeds, counting what the earlier operations of its batch
 * spent (`spent`, updated); returns the operation's own cost.
 */
export function checkOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  schema: GraphQLSchema,
  variables: Record<string, unknown>,
  viewer: Viewer | null,
  limits: Limits,
  spent: Spent = { cost: 0, statRows: 0 },
): number {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const root = schema.getRootType(operation.operation) ?? undefined;
  // Variables as the operation will see them: given values, else the declared defaults.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  const walk: Walk = {
    fragments,
    variables: coerced.coerced ?? variables,
    schema,
    listSize: limits.listSize,
    statistics: limits.statistics,
    memo: new Map(),
    statRows: 0,
  };
  const counted = rootFieldCount(operation.selectionSet, fragments, new Map());
  if (counted > limits.rootFields) {
    throw limitError(
      'ROOT_FIELD_LIMIT_EXCEEDED',
      `The operation has ${counted} root fields; the limit is ${limits.rootFields}`,
      limits.rootFields,
      counted,
    );
  }
  const { depth, aliases, cost } = measure(operation.selectionSet, root, walk, false);
  if (depth > limits.depth)
    throw limitError('DEPTH_LIMIT_EXCEEDED', `The operation is ${depth} fields deep; the limit is ${limits.depth}`, limits.depth, depth);
  if (aliases > limits.aliases)
    throw limitError(
      'ALIAS_LIMIT_EXCEEDED',
      `The operation uses ${aliases} aliases; the limit is ${limits.aliases}`,
      limits.aliases,
      aliases,
    );
  const budget = costBudget(viewer, limits);
  const total = spent.cost + cost;
  if (total > budget) {
    throw limitError(
      'COST_LIMIT_EXCEEDED',
      `The ${spent.cost ? 'batch' : 'operation'}'s estimated cost is ${total}; your budget is ${budget}. ${
        walk.grouped
          ? 'Group statistics by fewer dimensions (groupBy), filter them to fewer values, or send fewer statistics fields'
          : 'Ask for fewer items (first) or fewer nested lists'
      }`,
      budget,
      total,
    );
  }
  const rows = spent.statRows + walk.statRows;
  if (rows > limits.statRows) {
    throw limitError(
      'STATISTICS_ROW_LIMIT_EXCEEDED',
      `The request asks for up to ${rows} statistics rows; the limit is ${limits.statRows} for one request (a batch counts as one). Group by fewer dimensions or filter to fewer values`,
      limits.statRows,
      rows,
    );
  }
  spent.cost = total;
  spent.statRows = rows;
  return cost;
}

const spentByRequest = new WeakMap<object, Spent>();

/** What one HTTP request has spent so far (the operations of a batch are one request). */
export function requestSpent(httpRequest: object): Spent {
  let spent = spentByRequest.get(httpRequest);
  if (!spent) spentByRequest.set(httpRequest, (spent = { cost: 0, statRows: 0 }));
  return spent;
}

export function limitsPlugin(
  limits: Limits,
): ApolloServerPlugin<{ viewer: Viewer | null; partner?: { cost?: number }; spent?: Spent; heavy?: boolean }> {
  const heavy = new Admission(limits.heavyConcurrency, limits.heavyQueue);
  return {
    async requestDidStart() {
      let release: (() => void) | undefined;
      return {
        async didResolveOperation({ document, operation, schema, request, contextValue }) {
          // A partner client's manifest may set its own cost budget.
          const partnerCost = contextValue.partner?.cost;
          const applied = partnerCost ? { ...limits, cost: { ...limits.cost, partner: partnerCost } } : limits;
          if (!operation) return;
          // The operations of a batch add up (the context carries the HTTP request's account).
          contextValue.spent ??= { cost: 0, statRows: 0 };
          const cost = checkOperation(
            document,
            operation,
            schema,
            request.variables ?? {},
            contextValue.viewer,
            applied,
            contextValue.spent,
          );
          if (cost >= limits.heavyCost) {
            release = await heavy.acquire();
            contextValue.heavy = true;
          }
        },
        async willSendResponse() {
          release?.();
        },
      };
    },
  };
}
