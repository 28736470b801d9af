import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * The cache policy of an operation, from its document and the schema's `@cacheControl` hints,
 * computed once per document instead of once per resolved field.
 *
 * Apollo Server's cache-control plugin applies the same rules field by field as the answer is
 * resolved: to do so it wraps every resolver of the schema, and on a statistic of 288 cells those
 * wrappers took about a tenth of the subgraph's time (docs/performance.md). The rules here are
 * Apollo Server 4's, field for field (plugin/cacheControl), applied to every field the document
 * selects, on every object type it can reach. They differ only where a selected field is never
 * resolved (an empty list, a null parent, a skipped field): Apollo's answer then ignores it, this one
 * counts it. So this policy is never laxer than Apollo's; at most it is stricter.
 */
export interface CacheHint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

interface Annotation extends CacheHint {
  inheritMaxAge?: true;
}

/** Apollo Server's CachePolicy arithmetic: restrict keeps the lower max-age and a PRIVATE scope. */
export class Policy implements CacheHint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';

  restrict(hint: CacheHint): void {
    if (hint.maxAge !== undefined && (this.maxAge === undefined || hint.maxAge < this.maxAge)) this.maxAge = hint.maxAge;
    if (hint.scope !== undefined && this.scope !== 'PRIVATE') this.scope = hint.scope;
  }

  replace(hint: CacheHint): void {
    if (hint.maxAge !== undefined) this.maxAge = hint.maxAge;
    if (hint.scope !== undefined) this.scope = hint.scope;
  }
}

function annotationOf(directives: readonly ConstDirectiveNode[] | undefined): Annotation | undefined {
  const directive = directives?.find((d) => d.name.value === 'cacheControl');
  if (!directive?.arguments) return undefined;
  const arg = (name: string) => directive.arguments!.find((a) => a.name.value === name)?.value;
  const scopeValue = arg('scope');
  const scopeName = scopeValue?.kind === Kind.ENUM ? scopeValue.value : undefined;
  const scope = scopeName === 'PUBLIC' || scopeName === 'PRIVATE' ? scopeName : undefined;
  const inherit = arg('inheritMaxAge');
  if (inherit?.kind === Kind.BOOLEAN && inherit.value) return { inheritMaxAge: true, scope };
  const maxAge = arg('maxAge');
  return { maxAge: maxAge?.kind === Kind.INT ? parseInt(maxAge.value, 10) : undefined, scope };
}

function typeAnnotation(type: GraphQLNamedType): Annotation {
  const nodes = [type.astNode, ...(type.extensionASTNodes ?? [])];
  for (const node of nodes) {
    const found = annotationOf(node?.directives);
    if (found) return found;
  }
  return {};
}

const fieldAnnotation = (field: GraphQLField<unknown, unknown>): Annotation => annotationOf(field.astNode?.directives) ?? {};

/** The object types a value of this type can be. */
function concrete(schema: GraphQLSchema, type: GraphQLNamedType): readonly GraphQLObjectType[] {
  if (isObjectType(type)) return [type];
  return isAbstractType(type) ? schema.getPossibleTypes(type) : [];
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  policy: Policy;
  /** The root fields whose hint a resolver sets at run time (`_entities`: its entities' types): they are left to the caller. */
  dynamic: Set<string>;
  /** Where the document selects them. */
  found: FieldNode[];
  /**
   * Fragments already walked, by name, types and place: walking one again adds nothing (restrict
   * keeps the least), and a fragment spread twice per level would otherwise double per level.
   */
  walked: Set<string>;
}

function walk(w: Walk, selectionSet: SelectionSetNode, types: readonly GraphQLObjectType[], root: boolean): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      // Meta fields are resolved by graphql-js itself, never through a field resolver.
      if (name.startsWith('__')) continue;
      for (const type of types) {
        const field = type.getFields()[name];
        if (!field) continue;
        const target = getNamedType(field.type);
        const composite = isCompositeType(target);
        const fieldPolicy = new Policy();
        let inheritMaxAge = false;
        if (composite) {
          const annotation = typeAnnotation(target);
          fieldPolicy.replace(annotation);
          inheritMaxAge = Boolean(annotation.inheritMaxAge);
        }
        const annotation = fieldAnnotation(field);
        if (annotation.inheritMaxAge && fieldPolicy.maxAge === undefined) {
          inheritMaxAge = true;
          if (annotation.scope) fieldPolicy.replace({ scope: annotation.scope });
        } else fieldPolicy.replace(annotation);
        if (root && w.dynamic.has(name)) {
          // Left open for the caller's run-time hint.
          if (!w.found.includes(selection)) w.found.push(selection);
        } else if (fieldPolicy.maxAge === undefined && ((composite && !inheritMaxAge) || root)) {
          fieldPolicy.restrict({ maxAge: 0 });
        }
        w.policy.restrict(fieldPolicy);
        if (selection.selectionSet && composite) walk(w, selection.selectionSet, concrete(w.schema, target), false);
      }
    } else {
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? w.fragments.get(selection.name.value) : selection;
      if (!fragment) continue;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const key = `${selection.name.value}|${root}|${types.map((t) => t.name).join(',')}`;
        if (w.walked.has(key)) continue;
        w.walked.add(key);
      }
      const condition = fragment.typeCondition ? w.schema.getType(fragment.typeCondition.name.value) : undefined;
      const narrowed = condition ? concrete(w.schema, condition).filter((t) => types.includes(t)) : types;
      walk(w, fragment.selectionSet, narrowed, root);
    }
  }
}

/**
 * An operation's policy, and where it selects the root fields named `dynamic`: those are left out
 * of the policy, for the caller to restrict with what their resolvers would have set.
 */
export function staticPolicy(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  dynamic: readonly string[] = [],
): { policy: Policy; dynamic: FieldNode[] } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const rootType = schema.getRootType(operation.operation);
  const w: Walk = { schema, fragments, policy: new Policy(), dynamic: new Set(dynamic), found: [], walked: new Set() };
  if (rootType) walk(w, operation.selectionSet, [rootType], true);
  return { policy: w.policy, dynamic: w.found };
}

/** What the `_entities` resolvers would restrict the field to: the hint of each entity type asked for (none: uncacheable). */
export function entitiesHint(schema: GraphQLSchema, node: FieldNode, variables: Record<string, unknown> | undefined): CacheHint {
  const arg = node.arguments?.find((a) => a.name.value === 'representations')?.value;
  // The gateway passes representations as a variable; written inline, they are not read here: uncacheable.
  const representations = arg?.kind === Kind.VARIABLE ? variables?.[arg.name.value] : undefined;
  if (!Array.isArray(representations) || !representations.length) return { maxAge: 0 };
  const policy = new Policy();
  for (const typename of new Set(representations.map((r) => (r as { __typename?: unknown } | null)?.__typename))) {
    const type = typeof typename === 'string' ? schema.getType(typename) : undefined;
    const hint = type ? typeAnnotation(type) : undefined;
    policy.restrict(hint?.maxAge !== undefined ? hint : { maxAge: 0 });
  }
  return policy;
}
