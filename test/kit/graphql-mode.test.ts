import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * kit/graphql-mode.ts loads graphql with its production `instanceOf` (no check for a second copy
 * of graphql), leaving NODE_ENV as it was: safe only while one copy is installed.
 */
const root = join(__dirname, '..', '..');

/** Every installed package named `graphql`, at any depth of node_modules. */
function graphqlCopies(dir: string, found: string[] = []): string[] {
  const modules = join(dir, 'node_modules');
  if (!existsSync(modules)) return found;
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const packages = entry.name.startsWith('@')
      ? readdirSync(join(modules, entry.name), { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => join(modules, entry.name, e.name))
      : [join(modules, entry.name)];
    for (const pkg of packages) {
      const manifest = join(pkg, 'package.json');
      if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'graphql') found.push(pkg);
      graphqlCopies(pkg, found);
    }
  }
  return found;
}

/** How graphql's instanceOf treats a look-alike of GraphQLObjectType in a fresh process, and NODE_ENV afterwards. */
function probe(preload: boolean): { result: string; nodeEnv: string } {
  const script = `
    ${preload ? "require('./kit/graphql-mode');" : ''}
    const { GraphQLObjectType } = require('graphql');
    const { instanceOf } = require('graphql/jsutils/instanceOf');
    const lookAlike = { get [Symbol.toStringTag]() { return 'GraphQLObjectType'; } };
    let result;
    try { result = String(instanceOf(lookAlike, GraphQLObjectType)); } catch { result = 'threw'; }
    console.log(JSON.stringify({ result, nodeEnv: String(process.env.NODE_ENV) }));`;
  const env = { ...process.env };
  delete env.NODE_ENV;
  const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: root, env, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as { result: string; nodeEnv: string };
}

describe('graphql loaded without its second-copy check', () => {
  it('is safe: exactly one copy of graphql is installed', () => {
    expect(graphqlCopies(root).map((p) => p.slice(root.length + 1))).toEqual(['node_modules/graphql']);
  });

  it('turns the check off for graphql alone and leaves NODE_ENV unset', () => {
    expect(probe(false)).toEqual({ result: 'threw', nodeEnv: 'undefined' });
    expect(probe(true)).toEqual({ result: 'false', nodeEnv: 'undefined' });
  });

  it('is imported first by every entry point', () => {
    for (const entry of ['scripts/start-all.ts', 'scripts/lane-worker.ts', 'kit/main.ts', 'gateway/main.ts']) {
      const imports = readFileSync(join(root, entry), 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('import '));
      expect([entry, imports[0]]).toEqual([entry, expect.stringMatching(/graphql-mode';$/)]);
    }
    // Each subgraph's own process: kit/main (which imports it first) before anything of the subgraph.
    const subgraphs = readdirSync(join(root, 'subgraphs'), { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(subgraphs.length).toBe(5);
    for (const { name } of subgraphs) {
      const imports = readFileSync(join(root, 'subgraphs', name, 'main.ts'), 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('import ') && !line.includes("'reflect-metadata'"));
      expect([name, imports[0]]).toEqual([name, expect.stringMatching(/kit\/main';$/)]);
    }
  });
});
