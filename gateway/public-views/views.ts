import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  typeFromAST,
  validate,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { projectPath } from '../../kit/assets';

/** The safelist: one named, read-only operation per file, `public-views/<id>.graphql`. */
export const PUBLIC_VIEWS_DIR = projectPath('public-views');

export interface PublicVariable {
  name: string;
  /** The named input type: Int and Float are read from the URL as numbers, Boolean as true/false. */
  type: string;
  list: boolean;
  required: boolean;
}

export interface PublicView {
  /** The file's name without `.graphql`: `/public/<id>`, `GET /graphql?documentId=<id>`. */
  id: string;
  query: string;
  operationName: string;
  variables: PublicVariable[];
}

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Reads and checks every view against the schema clients see: a file must hold exactly one named
 * query (no mutation) that validates. Throws naming the file and the fault.
 */
export function loadPublicViews(apiSdl: string, dir = PUBLIC_VIEWS_DIR): Map<string, PublicView> {
  const schema = buildSchema(apiSdl);
  const views = new Map<string, PublicView>();
  if (!existsSync(dir)) return views;
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.graphql')) continue;
    const view = checkView(schema, file.slice(0, -'.graphql'.length), readFileSync(join(dir, file), 'utf8'));
    views.set(view.id, view);
  }
  return views;
}

export function checkView(schema: GraphQLSchema, id: string, text: string): PublicView {
  const where = `public-views/${id}.graphql`;
  if (!ID.test(id)) throw new Error(`${where}: the name must be lower-case letters, digits and dashes`);
  let document;
  try {
    document = parse(text);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || !operations[0].name) throw new Error(`${where}: must hold exactly one named operation`);
  const operation = operations[0];
  if (operation.operation !== 'query') throw new Error(`${where}: a public view is a query (read-only)`);
  const errors = validate(schema, document);
  if (errors.length) throw new Error(`${where}: invalid against the schema:\n${errors.map((e) => `- ${e.message}`).join('\n')}`);
  const variables = (operation.variableDefinitions ?? []).map((definition) => {
    const type = typeFromAST(schema, definition.type as never)!;
    const nullable = isNonNullType(type) ? type.ofType : type;
    return {
      name: definition.variable.name.value,
      type: getNamedType(type).name,
      list: isListType(nullable),
      required: isNonNullType(type) && !definition.defaultValue,
    };
  });
  return {
    id,
    query: text,
    operationName: operation.name!.value,
    variables,
  };
}

export type VariablesResult = { ok: true; variables: Record<string, unknown> } | { ok: false; field: string; reason: string };

/**
 * URL parameters → the view's variables, typed by the operation's declarations. Unknown
 * parameters and missing required ones are refused (bad input), so one view has one cache key per
 * meaning.
 */
export function variablesFromParams(view: PublicView, params: Record<string, string | string[]>): VariablesResult {
  const variables: Record<string, unknown> = {};
  const known = new Set(view.variables.map((v) => v.name));
  for (const name of Object.keys(params)) {
    if (!known.has(name)) return { ok: false, field: name, reason: `"${view.id}" takes ${[...known].join(', ') || 'no parameters'}` };
  }
  for (const variable of view.variables) {
    const raw = params[variable.name];
    if (raw === undefined) {
      if (variable.required) return { ok: false, field: variable.name, reason: 'is required' };
      continue;
    }
    const values = Array.isArray(raw) ? raw : variable.list ? raw.split(',') : [raw];
    if (!variable.list && values.length > 1) return { ok: false, field: variable.name, reason: 'given more than once' };
    const parsed: unknown[] = [];
    for (const value of values) {
      const result = scalarFromParam(variable.type, value);
      if (!result.ok) return { ok: false, field: variable.name, reason: result.reason };
      parsed.push(result.value);
    }
    variables[variable.name] = variable.list ? parsed : parsed[0];
  }
  return { ok: true, variables };
}

function scalarFromParam(type: string, value: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  switch (type) {
    case 'Int':
      return /^-?\d{1,9}$/.test(value) ? { ok: true, value: Number(value) } : { ok: false, reason: `"${value}" is not an integer` };
    case 'Float':
      return value.trim() !== '' && Number.isFinite(Number(value))
        ? { ok: true, value: Number(value) }
        : { ok: false, reason: `"${value}" is not a number` };
    case 'Boolean':
      return value === 'true' || value === 'false' ? { ok: true, value: value === 'true' } : { ok: false, reason: 'must be true or false' };
    default:
      // Strings, IDs, enums and custom scalars: GraphQL's own coercion checks them.
      return { ok: true, value };
  }
}

/** One cache key per view and meaning: variables in the declared order. */
export function cacheKeyOf(view: PublicView, variables: Record<string, unknown>): string {
  return `${view.id}?${view.variables.map((v) => `${v.name}=${JSON.stringify(variables[v.name] ?? null)}`).join('&')}`;
}
