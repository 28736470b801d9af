import {
  buildSchema,
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLObjectType,
  GraphQLScalarType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type express from 'express';
import { tableWriter, type OutCell } from '../../kit/files/write';

/** What a suppressed cell shows: the graph answers null there and marks the row `suppressed`. */
export const SUPPRESSED = 'suppressed';
const PAGE = 100;
const MAX_ROWS = 1_000_000;

interface Column {
  /** Header: the field's path, e.g. commune.code. */
  name: string;
  path: string[];
  /** A count the graph suppresses (its description says "null when suppressed"). */
  suppressible: boolean;
}

interface Exportable {
  field: GraphQLField<unknown, unknown>;
  kind: 'connection' | 'list';
  row: GraphQLObjectType;
  columns: Column[];
  selection: string;
}

function leafColumns(type: GraphQLObjectType): { columns: Column[]; selection: string } {
  const columns: Column[] = [];
  const parts: string[] = [];
  for (const f of Object.values(type.getFields())) {
    if (f.deprecationReason || f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(f.type);
    if (isLeafType(named)) {
      if (isListType(isNonNullType(f.type) ? f.type.ofType : f.type)) continue;
      columns.push({ name: f.name, path: [f.name], suppressible: /null when suppressed/i.test(f.description ?? '') });
      parts.push(f.name);
    } else if (isObjectType(named) && !isListType(isNonNullType(f.type) ? f.type.ofType : f.type)) {
      // A link: its key (and its name, when it has one), never its own links.
      const keys = ['code', 'id', 'name'].filter((k) => named.getFields()[k] && isLeafType(getNamedType(named.getFields()[k].type)));
      if (!keys.length || named.name.endsWith('Connection')) continue;
      for (const k of keys) columns.push({ name: `${f.name}.${k}`, path: [f.name, k], suppressible: false });
      parts.push(`${f.name} { ${keys.join(' ')} }`);
    }
  }
  return { columns, selection: parts.join(' ') };
}

/**
 * Every query field that answers a table: statistics (a list of rows) and lists (connections,
 * paged through). Built once from the API schema the gateway serves.
 */
export function exportables(schema: GraphQLSchema): Map<string, Exportable> {
  const out = new Map<string, Exportable>();
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    if (field.name.endsWith('Imports') || field.name.endsWith('ByRut')) continue;
    const named = getNamedType(field.type);
    if (!isObjectType(named)) continue;
    const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    if (required.length) continue;
    const nodes = named.getFields().nodes;
    const unwrapped = isNonNullType(field.type) ? field.type.ofType : field.type;
    if (nodes && named.getFields().pageInfo) {
      const row = getNamedType(nodes.type) as GraphQLObjectType;
      out.set(field.name, { field, kind: 'connection', row, ...leafColumns(row) });
    } else if (isListType(unwrapped)) {
      out.set(field.name, { field, kind: 'list', row: named, ...leafColumns(named) });
    }
  }
  return out;
}

class BadParam extends Error {}

function coerce(type: GraphQLInputType, text: string, name: string): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (inner instanceof GraphQLList)
    return text
      .split(',')
      .filter(Boolean)
      .map((t) => coerce(inner.ofType, t.trim(), name));
  if (inner instanceof GraphQLScalarType && (inner.name === 'Int' || inner.name === 'Float')) {
    const n = Number(text);
    if (!Number.isFinite(n)) throw new BadParam(`${name}: "${text}" is not a number`);
    return n;
  }
  if (inner instanceof GraphQLScalarType && inner.name === 'Boolean') return text === 'true';
  if (inner instanceof GraphQLEnumType) return text.toUpperCase();
  return text;
}

/** URL parameters to the field's arguments: filter fields by name (lists comma-separated), groupBy, orderBy. */
function argumentsOf(e: Exportable, query: Record<string, unknown>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const filterArg = e.field.args.find((a) => a.name === 'filter');
  const filterType = filterArg && (getNamedType(filterArg.type) as GraphQLInputObjectType);
  const filter: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(query)) {
    if (['sep', 'decimal', 'first', 'after'].includes(name)) continue;
    const text = String(raw);
    const arg = e.field.args.find((a) => a.name === name);
    if (name === 'orderBy' && arg) {
      const [field, direction] = text.split(':');
      args.orderBy = { field: field.toUpperCase(), ...(direction ? { direction: direction.toUpperCase() } : {}) };
    } else if (arg && !(getNamedType(arg.type) instanceof GraphQLInputObjectType)) {
      args[name] = coerce(arg.type, text, name);
    } else if (filterType?.getFields()[name]) {
      filter[name] = coerce(filterType.getFields()[name].type, text, name);
    } else {
      throw new BadParam(`${name} is not a filter of ${e.field.name}`);
    }
  }
  if (Object.keys(filter).length) args.filter = filter;
  return args;
}

function document(e: Exportable, args: Record<string, unknown>): { query: string; variables: Record<string, unknown> } {
  const defs: string[] = [];
  const uses: string[] = [];
  const variables: Record<string, unknown> = {};
  for (const arg of e.field.args) {
    if (arg.name in args || (e.kind === 'connection' && (arg.name === 'first' || arg.name === 'after'))) {
      defs.push(`$${arg.name}: ${arg.type.toString()}`);
      uses.push(`${arg.name}: $${arg.name}`);
      if (arg.name in args) variables[arg.name] = args[arg.name];
    }
  }
  const call = `${e.field.name}${uses.length ? `(${uses.join(', ')})` : ''}`;
  const body = e.kind === 'connection' ? `{ nodes { ${e.selection} } pageInfo { hasNextPage endCursor } }` : `{ ${e.selection} }`;
  return { query: `query Export${defs.length ? `(${defs.join(', ')})` : ''} { ${call} ${body} }`, variables };
}

const at = (row: any, path: string[]): unknown => path.reduce((v, k) => (v == null ? v : v[k]), row);

function cells(e: Exportable, row: any): OutCell[] {
  return e.columns.map((c) => {
    const value = at(row, c.path);
    if (value == null && c.suppressible && row?.suppressed === true) return { mark: SUPPRESSED };
    return value as OutCell;
  });
}

/**
 * GET /export/<field>.<csv|xlsx>?<filters>: a statistic or a list as a file, asked of the graph
 * as the caller (same access rules, same small-cell suppression), suppressed cells marked.
 */
export function exportHandler(apiSdl: string): express.RequestHandler {
  const schema = buildSchema(apiSdl);
  const tables = exportables(schema);
  return async (req, res) => {
    const match = /^([A-Za-z]+)\.(csv|xlsx)$/.exec(String(req.params.file));
    const e = match && tables.get(match[1]);
    const fail = (status: number, code: string, message: string) =>
      res.status(status).json({ errors: [{ message, extensions: { code } }] });
    if (!match || !e) return fail(404, 'NOT_FOUND', `Nothing to export as ${String(req.params.file)}: see GET /export`);
    // The file's own options: a value they do not know is an error, not a silent default.
    for (const [name, allowed] of [
      ['sep', [',', ';']],
      ['decimal', ['point', 'comma']],
    ] as const) {
      const given = req.query[name];
      if (given !== undefined && !(allowed as readonly unknown[]).includes(given)) {
        return fail(400, 'BAD_USER_INPUT', `${name} must be one of: ${allowed.join(' ')}`);
      }
    }
    let args: Record<string, unknown>;
    try {
      args = argumentsOf(e, req.query as Record<string, unknown>);
    } catch (error) {
      if (error instanceof BadParam) return fail(400, 'BAD_USER_INPUT', error.message);
      throw error;
    }
    const { query, variables } = document(e, args);
    const graph = `http://127.0.0.1:${req.socket.localPort}/graphql`;
    const ask = async (extra: Record<string, unknown>) => {
      const answer = await fetch(graph, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) },
        body: JSON.stringify({ query, variables: { ...variables, ...extra } }),
      });
      return { status: answer.status, body: (await answer.json()) as { data?: any; errors?: any[] } };
    };
    let page = await ask(e.kind === 'connection' ? { first: PAGE } : {});
    const value = page.body.data?.[e.field.name];
    if (page.body.errors?.length && !value) return res.status(page.status >= 400 ? page.status : 400).json({ errors: page.body.errors });
    const format = match[2] as 'csv' | 'xlsx';
    res.setHeader('content-disposition', `attachment; filename="${e.field.name}.${format}"`);
    res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const writer = tableWriter(res, format, {
      delimiter: req.query.sep === ';' ? ';' : ',',
      decimalComma: req.query.decimal === 'comma',
      sheet: e.field.name,
    });
    await writer.row(e.columns.map((c) => c.name));
    let written = 0;
    for (;;) {
      const result = page.body.data?.[e.field.name];
      const rows: any[] = e.kind === 'connection' ? (result?.nodes ?? []) : (result ?? []);
      for (const row of rows) await writer.row(cells(e, row));
      written += rows.length;
      if (e.kind !== 'connection' || !result?.pageInfo?.hasNextPage || written >= MAX_ROWS) break;
      page = await ask({ first: PAGE, after: result.pageInfo.endCursor });
    }
    await writer.end();
  };
}

/** GET /export: what can be exported, with its columns and filters. */
export function exportIndex(apiSdl: string): express.RequestHandler {
  const tables = exportables(buildSchema(apiSdl));
  return (_req, res) => {
    res.json(
      [...tables.values()].map((e) => ({
        name: e.field.name,
        kind: e.kind === 'connection' ? 'list' : 'statistic',
        csv: `/export/${e.field.name}.csv`,
        xlsx: `/export/${e.field.name}.xlsx`,
        columns: e.columns.map((c) => c.name),
      })),
    );
  };
}
