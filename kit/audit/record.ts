import {
  getNamedType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  type NamedTypeNode,
  type SelectionSetNode,
} from 'graphql';
import type { Context } from '../context';
import { personalFields } from './personal';
import type { AuditTouch } from './trail';

/**
 * The kit's API for every path that touches personal data: `record(ctx, { type, id, fields,
 * outcome })`. Reads of fields under an audited Access are recorded by the auth checker itself;
 * writes, exports, imports and refusals decided outside it call this. A context without an audit
 * trail (in-process tests, background work) records nothing.
 */
export function record(ctx: Pick<Context, 'audit'>, touch: AuditTouch): void {
  ctx.audit?.record(touch);
}

/**
 * A row that is not a person's but holds a person's data (a rights request in the person's own
 * words): reads of its personal fields are recorded as that person's, naming `Type.field`.
 */
export interface AuditSubject {
  readonly auditSubject: { type: string; id: string | number };
}

/** How an entry names a field: bare on the entry's own type, `Type.field` on another's. */
const fieldOf = (type: string, field: string, entryType: string | undefined) =>
  !entryType || type === entryType ? field : `${type}.${field}`;

/** The auth checker's report for one field of one row (of its subject's, when it names one). */
export function recordField(ctx: Pick<Context, 'audit'>, info: GraphQLResolveInfo, root: unknown, outcome: 'read' | 'refused'): void {
  const row = root as (Partial<AuditSubject> & { id?: string | number }) | null;
  const { type, id } = row?.auditSubject ?? { type: info.parentType.name, id: row?.id ?? null };
  ctx.audit?.record({ type, id, fields: [fieldOf(info.parentType.name, info.fieldName, type)], outcome });
}

/**
 * The personal fields a field's selection asks for, at any depth (through connections' nodes and
 * edges, fragments included): what a refused lookup or list would have returned. Fields of a type
 * other than `subject` (the refused row's) are named `Type.field`, as their reads are.
 */
export function selectedPersonalFields(info: GraphQLResolveInfo, subject?: string): string[] {
  const personal = personalFields();
  const found = new Set<string>();
  // Fragments with a type condition switch to that type: a federation reference's selection is
  // `_entities { ... on Person { … } }`, under a union.
  const typeOf = (condition: NamedTypeNode | undefined, type: GraphQLNamedType) =>
    condition ? (info.schema.getType(condition.name.value) ?? type) : type;
  const walk = (type: GraphQLNamedType, selections: SelectionSetNode | undefined, depth: number) => {
    if (!selections || depth > 8) return;
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = isObjectType(type) ? type.getFields()[selection.name.value] : undefined;
        if (!field) continue;
        if (personal.has(`${type.name}.${field.name}`)) found.add(fieldOf(type.name, field.name, subject));
        walk(getNamedType(field.type), selection.selectionSet, depth + 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(typeOf(selection.typeCondition, type), selection.selectionSet, depth);
      } else {
        const fragment: FragmentDefinitionNode | undefined = info.fragments[selection.name.value];
        walk(typeOf(fragment?.typeCondition, type), fragment?.selectionSet, depth);
      }
    }
  };
  for (const node of info.fieldNodes) walk(getNamedType(info.returnType), node.selectionSet, 0);
  return [...found].sort();
}

/**
 * A lookup or list of personal data refused by access control: recorded as refused, naming the
 * person when the path knows who was asked for (null otherwise), with the personal fields asked.
 */
export function recordRefusal(ctx: Pick<Context, 'audit'>, info: GraphQLResolveInfo, type: string, id: string | number | null): void {
  ctx.audit?.record({ type, id, fields: selectedPersonalFields(info, type), outcome: 'refused' });
}
