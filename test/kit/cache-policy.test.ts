import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { CACHE_CONTROL_SDL, cacheControlPlugins } from '../../kit/cache-control';

// Every rule of Apollo Server's cache-control plugin in one schema: hints on types and fields,
// inheritMaxAge on both, PRIVATE scopes, interfaces and unions, lists, root scalars.
const SDL = `${CACHE_CONTROL_SDL.replace(' @inaccessible', '')}
type Query {
  stats: [Stat!]!
  stat: Stat
  count: Int
  hinted: Int @cacheControl(maxAge: 60)
  person: Person
  shapes: [Shape!]!
  results: [Result!]!
  short: Stat @cacheControl(maxAge: 30)
  privateStat: Stat @cacheControl(scope: PRIVATE)
  inherits: Stat @cacheControl(inheritMaxAge: true)
  wrapper: Wrapper @cacheControl(maxAge: 120)
  emptyStats: [Stat!]!
}
type Stat @cacheControl(maxAge: 300) { n: Int, commune: Commune, person: Person, slow: Int @cacheControl(maxAge: 10) }
type Commune @cacheControl(maxAge: 600) { code: String, name: String }
type Person { name: String }
type Wrapper { inner: Inner, stat: Stat }
type Inner @cacheControl(inheritMaxAge: true) { n: Int, deeper: Commune }
interface Shape { id: Int, area: Int }
type Square implements Shape @cacheControl(maxAge: 200) { id: Int, area: Int, side: Int @cacheControl(maxAge: 50) }
type Circle implements Shape @cacheControl(maxAge: 100, scope: PRIVATE) { id: Int, area: Int, radius: Int }
union Result = Square | Commune
`;

const stat = { n: 1, commune: { code: '10101', name: 'Puerto Montt' }, person: { name: 'Ana Ruiz' }, slow: 2 };
const ROOT = {
  stats: [stat, stat],
  stat,
  count: 3,
  hinted: 4,
  person: { name: 'Ana Ruiz' },
  shapes: [
    { __typename: 'Square', id: 1, area: 4, side: 2 },
    { __typename: 'Circle', id: 2, area: 3, radius: 1 },
  ],
  results: [
    { __typename: 'Square', id: 1, area: 4, side: 2 },
    { __typename: 'Commune', code: '10101', name: 'Puerto Montt' },
  ],
  short: stat,
  privateStat: stat,
  inherits: stat,
  wrapper: { inner: { n: 1, deeper: { code: '10101', name: 'x' } }, stat },
  emptyStats: [],
};

async function headerOf(schema: GraphQLSchema, plugins: ApolloServerPlugin<BaseContext>[], query: string): Promise<string | undefined> {
  const server = new ApolloServer({ schema, plugins });
  await server.start();
  try {
    const response = await server.executeOperation({ query }, { contextValue: {} });
    if (response.body.kind !== 'single') throw new Error('not a single result');
    if (response.body.singleResult.errors) throw new Error(JSON.stringify(response.body.singleResult.errors));
    return response.http.headers.get('cache-control');
  } finally {
    await server.stop();
  }
}

// One schema per server: Apollo's plugin wraps the resolvers of the schema it is given.
const schemaFor = () => {
  const schema = buildSchema(SDL);
  const query = schema.getQueryType()!;
  for (const [name, field] of Object.entries(query.getFields())) field.resolve = () => ROOT[name as keyof typeof ROOT];
  return schema;
};

const QUERIES: [string, string][] = [
  ['a list of hinted objects with scalars', '{ stats { n } }'],
  ['a nested hinted object (lower of the two)', '{ stats { n commune { code } } }'],
  ['a field hint below a type hint', '{ stat { slow } }'],
  ['a root scalar without a hint (uncacheable)', '{ count }'],
  ['a root scalar with a hint', '{ hinted }'],
  ['an object without a hint (uncacheable)', '{ stat { person { name } } }'],
  ['a field hint over the type hint', '{ short { n } }'],
  ['a PRIVATE scope', '{ stats { n } privateStat { n } }'],
  ['a field that inherits', '{ stats { n } inherits { n } }'],
  ['a type that inherits, nested', '{ wrapper { inner { n deeper { code } } } }'],
  ['an unhinted object under a hinted field', '{ wrapper { stat { n } } }'],
  ['an interface and its types', '{ shapes { id area ... on Square { side } ... on Circle { radius } } }'],
  ['a union through fragments', '{ results { __typename ... on Square { area } ... on Commune { name } } }'],
  ['named fragments and aliases', 'query Q { a: stats { ...S } b: stat { ...S } } fragment S on Stat { n commune { name } }'],
];

describe('the cache policy from the document', () => {
  it.each(QUERIES)('gives the header Apollo Server gives when every field resolves: %s', async (_label, query) => {
    const apollo = await headerOf(schemaFor(), [ApolloServerPluginCacheControl()], query);
    const ours = await headerOf(schemaFor(), cacheControlPlugins(), query);
    expect(ours).toBe(apollo);
  });

  it('covers both outcomes: cacheable and not, public and private', async () => {
    const headers = await Promise.all(QUERIES.map(([, q]) => headerOf(schemaFor(), cacheControlPlugins(), q)));
    expect(headers).toEqual(expect.arrayContaining(['max-age=300, public', 'no-store', 'max-age=300, private', 'max-age=10, public']));
  });

  it('is stricter, never laxer, where a selected field is not resolved (under an empty list)', async () => {
    const query = '{ stats { n } emptyStats { person { name } } }';
    expect(await headerOf(schemaFor(), [ApolloServerPluginCacheControl()], query)).toBe('max-age=300, public');
    expect(await headerOf(schemaFor(), cacheControlPlugins(), query)).toBe('no-store');
  });

  it('walks a fragment spread many times once (each level spreading the next twice: 2^24 walks otherwise, some 15 s)', async () => {
    const levels = 24;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i < levels - 1 ? `fragment F${i} on Stat { n ...F${i + 1} ...F${i + 1} }` : `fragment F${i} on Stat { slow }`,
    );
    const query = `{ stat { ...F0 } } ${fragments.join(' ')}`;
    expect(await headerOf(schemaFor(), cacheControlPlugins(), query)).toBe(
      await headerOf(schemaFor(), [ApolloServerPluginCacheControl()], query),
    );
    expect(await headerOf(schemaFor(), cacheControlPlugins(), query)).toBe('max-age=10, public');
  });

  it('does not wrap the resolvers (the cost it removes)', async () => {
    const schema = schemaFor();
    const before = schema.getQueryType()!.getFields().stats.resolve;
    await headerOf(schema, cacheControlPlugins(), '{ stats { n } }');
    expect(schema.getQueryType()!.getFields().stats.resolve).toBe(before);
    await headerOf(schema, [ApolloServerPluginCacheControl()], '{ stats { n } }');
    expect(schema.getQueryType()!.getFields().stats.resolve).not.toBe(before);
  });
});
