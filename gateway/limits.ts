import {
  GraphQLError, getNamedType, isListType, getNullableType, Kind,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, isCompositeType, isObjectType, isInterfaceType,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Viewer } from '../subgraphs/kit/context';
import { PAGE_DEFAULT } from '../subgraphs/kit/config';

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
}

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Limits {
  const n = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
    return value;
  };
  return {
    depth: n('LIMIT_DEPTH', 12),
    aliases: n('LIMIT_ALIASES', 15),
    rootFields: n('LIMIT_ROOT_FIELDS', 10),
    tokens: n('LIMIT_TOKENS', 3000),
    bodyBytes: n('LIMIT_BODY_BYTES', 100_000),
    batch: n('LIMIT_BATCH', 10),
    cost: { public: n('LIMIT_COST_PUBLIC', 5_000), partner: n('LIMIT_COST_PARTNER', 50_000), authenticated: n('LIMIT_COST', 200_000) },
    listSize: n('LIMIT_LIST_SIZE', 30),
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
}

function firstArgument(field: { arguments?: readonly any[] }, walk: Walk): number | undefined {
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  if (!arg) return undefined;
  const value = arg.value.kind === Kind.VARIABLE ? walk.variables[arg.value.name.value] : arg.value.kind === Kind.INT ? Number(arg.value.value) : undefined;
  return typeof value === 'number' && value >= 0 ? value : undefined;
}

/**
 * Depth, aliases and cost of a selection set; fragments are expanded, introspection is free.
 * Cost estimates the objects a response holds: each object field costs 1 times the size of the
 * lists above it: `first` where given, the page default on a connection, else `listSize` for a
 * list. Inside a paged field (`paged`), its edges/nodes lists are the page itself (×1).
 */
function measure(selectionSet: SelectionSetNode, type: GraphQLCompositeType | undefined, walk: Walk, seen: Set<string>, paged = false) {
  let depth = 0;
  let aliases = 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      if (selection.alias) aliases++;
      const fieldDef = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[selection.name.value] : undefined;
      const childType = fieldDef ? getNamedType(fieldDef.type) : undefined;
      const first = firstArgument(selection, walk);
      const list = fieldDef ? isListType(getNullableType(fieldDef.type)) : false;
      const pages = first !== undefined || Boolean(fieldDef?.args.some((a) => a.name === 'first'));
      const multiplier = first ?? (pages ? PAGE_DEFAULT : list && !paged ? walk.listSize : 1);
      const child = selection.selectionSet
        ? measure(selection.selectionSet, childType && isCompositeType(childType) ? childType : undefined, walk, seen, pages)
        : { depth: 0, aliases: 0, cost: 0 };
      depth = Math.max(depth, 1 + child.depth);
      aliases += child.aliases;
      cost += (selection.selectionSet ? 1 : 0) + multiplier * child.cost;
    } else {
      let inner: SelectionSetNode | undefined;
      let condition: string | undefined;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = selection.selectionSet;
        condition = selection.typeCondition?.name.value;
      } else {
        const name = selection.name.value;
        if (seen.has(name)) continue; // a fragment cycle is a validation error already
        const fragment = walk.fragments.get(name);
        inner = fragment?.selectionSet;
        condition = fragment?.typeCondition.name.value;
        seen = new Set(seen).add(name);
      }
      if (!inner) continue;
      const target = condition ? walk.schema.getType(condition) : type;
      const child = measure(inner, target && isCompositeType(target) ? target : type, walk, seen, paged);
      depth = Math.max(depth, child.depth);
      aliases += child.aliases;
      cost += child.cost;
    }
  }
  return { depth, aliases, cost };
}

function rootFieldCount(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value.startsWith('__') ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFieldCount(selection.selectionSet, fragments, seen);
    else if (!seen.has(selection.name.value)) {
      const fragment = fragments.get(selection.name.value);
      if (fragment) count += rootFieldCount(fragment.selectionSet, fragments, new Set(seen).add(selection.name.value));
    }
  }
  return count;
}

export function costBudget(viewer: Viewer | null, limits: Limits): number {
  if (!viewer) return limits.cost.public;
  if (viewer.roles.every((r) => r === 'partner')) return limits.cost.partner;
  return limits.cost.authenticated;
}

/** Throws the first limit an operation exceeds. */
export function checkOperation(
  document: DocumentNode, operation: OperationDefinitionNode, schema: GraphQLSchema,
  variables: Record<string, unknown>, viewer: Viewer | null, limits: Limits,
): void {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const root = schema.getRootType(operation.operation) ?? undefined;
  const walk = { fragments, variables, schema, listSize: limits.listSize };
  const counted = rootFieldCount(operation.selectionSet, fragments, new Set());
  if (counted > limits.rootFields) {
    throw limitError('ROOT_FIELD_LIMIT_EXCEEDED', `The operation has ${counted} root fields; the limit is ${limits.rootFields}`, limits.rootFields, counted);
  }
  const { depth, aliases, cost } = measure(operation.selectionSet, root, walk, new Set());
  if (depth > limits.depth) throw limitError('DEPTH_LIMIT_EXCEEDED', `The operation is ${depth} fields deep; the limit is ${limits.depth}`, limits.depth, depth);
  if (aliases > limits.aliases) throw limitError('ALIAS_LIMIT_EXCEEDED', `The operation uses ${aliases} aliases; the limit is ${limits.aliases}`, limits.aliases, aliases);
  const budget = costBudget(viewer, limits);
  if (cost > budget) {
    throw limitError('COST_LIMIT_EXCEEDED', `The operation's estimated cost is ${cost}; your budget is ${budget}. Ask for fewer items (first) or fewer nested lists`, budget, cost);
  }
}

export function limitsPlugin(limits: Limits): ApolloServerPlugin<{ viewer: Viewer | null }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, schema, request, contextValue }) {
          if (operation) checkOperation(document, operation, schema, request.variables ?? {}, contextValue.viewer, limits);
        },
      };
    },
  };
}
