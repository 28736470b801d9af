import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import Redis from 'ioredis';
import { parse } from 'yaml';
import { SUBGRAPHS } from '../../subgraphs';
import { projectPath, projectRoot } from '../../kit/assets';
import { GATEWAY_DEFAULT_PORT, SHARED_SECRET_HEADER, SUBGRAPH_NAMES } from '../../kit/config';
import { freshDatabase } from '../support/databases';
import { testEventsUrl } from '../support/events';
import { post } from '../support/graphql';

// No Docker engine runs here: this checks what can be checked without one (see README, "Deploying").
describe('docker-compose.yml', () => {
  // merge: the YAML merge keys (<<) that Compose supports.
  const compose = parse(readFileSync(projectPath('docker-compose.yml'), 'utf8'), { merge: true });
  const services = compose.services;

  it('runs PostgreSQL, Redis, every subgraph and the gateway, each with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'postgres', 'redis', ...SUBGRAPHS.map((s) => s.name)].sort());
    for (const [name, service] of Object.entries<any>(services)) {
      expect({ name, healthcheck: Boolean(service.healthcheck?.test) }).toEqual({ name, healthcheck: true });
    }
  });

  it('starts each subgraph from its built main.js on its default port, against PostgreSQL', () => {
    for (const { name } of SUBGRAPHS) {
      const service = services[name];
      expect(service.command).toEqual(['node', `dist/subgraphs/${name}/main.js`]);
      expect(existsSync(projectPath('subgraphs', name, 'main.ts'))).toBe(true);
      const port = GATEWAY_DEFAULT_PORT + 1 + SUBGRAPH_NAMES.indexOf(name);
      expect(service.environment[`${name.toUpperCase()}_PORT`]).toBe(String(port));
      expect(service.environment.DATABASE_URL).toMatch(/^postgres:\/\/.+@postgres:5432\//);
      expect(service.depends_on.postgres.condition).toBe('service_healthy');
      // Events reach the other subgraphs through the broker (a lone subgraph on PostgreSQL requires it).
      expect(service.environment.EVENTS_URL).toBe('redis://redis:6379');
      expect(service.depends_on.redis.condition).toBe('service_healthy');
      // Never seeds: nothing asks for it, and on PostgreSQL a subgraph seeds only when asked (kit/subgraph.ts).
      expect(Object.keys(service.environment).filter((key) => /SEED/i.test(key))).toEqual([]);
      expect(service.command.join(' ')).not.toMatch(/seed/);
      // Either key setting reaches every process (each refuses to start with neither, in production).
      expect(service.environment.JWT_SECRET).toBe('${JWT_SECRET:-}');
      expect(service.environment.JWKS_URL).toBe('${JWKS_URL:-}');
      expect(service.environment.SUBGRAPH_SHARED_SECRET).toMatch(/^\$\{SUBGRAPH_SHARED_SECRET:\?/);
      // No silent default password (issue 12, finding 11).
      expect(service.environment.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
      expect(service.healthcheck.test.join(' ')).toContain(`:${port}/health`);
    }
  });

  it('keeps the event stream across a broker restart (append-only file on a volume)', () => {
    const redis = services.redis;
    expect(redis.image).toMatch(/^redis:7/);
    expect(redis.command.join(' ')).toContain('--appendonly yes');
    expect(redis.volumes).toEqual(['redisdata:/data']);
    expect(Object.keys(compose.volumes)).toContain('redisdata');
    expect(redis.healthcheck.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('points the gateway at every subgraph and waits for them to be healthy', () => {
    const gateway = services.gateway;
    expect(gateway.command).toEqual(['node', 'dist/gateway/main.js']);
    for (const { name } of SUBGRAPHS) {
      const port = GATEWAY_DEFAULT_PORT + 1 + SUBGRAPH_NAMES.indexOf(name);
      // Overridable routing: the committed supergraph's 127.0.0.1 URLs never reach production.
      expect(gateway.environment[`${name.toUpperCase()}_URL`]).toBe(`\${${name.toUpperCase()}_URL:-http://${name}:${port}/graphql}`);
      expect(gateway.depends_on[name].condition).toBe('service_healthy');
    }
    expect(gateway.ports).toEqual(['4000:4000']);
    expect(gateway.environment.JWT_SECRET).toBe(services.communes.environment.JWT_SECRET);
    expect(gateway.environment.JWKS_URL).toBe(services.communes.environment.JWKS_URL);
    expect(services.postgres.environment.POSTGRES_PASSWORD).toBe('${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}');
    expect(gateway.environment.SUBGRAPH_SHARED_SECRET).toBe(services.communes.environment.SUBGRAPH_SHARED_SECRET);
  });

  it('builds from a Dockerfile that ships what the services read at run time', () => {
    const dockerfile = readFileSync(projectPath('Dockerfile'), 'utf8');
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(dockerfile).toContain('COPY schema schema');
    expect(dockerfile).toContain('domain/los-lagos-communes.csv');
    // Node 22 LTS in both stages; the unprivileged user owns the data directory it writes.
    expect(dockerfile.match(/^FROM node:(\d+)/gm)).toEqual(['FROM node:22', 'FROM node:22']);
    const lines = dockerfile.split('\n');
    const user = lines.findIndex((l) => l === 'USER node');
    expect(user).toBeGreaterThan(lines.findIndex((l) => l.includes('chown node:node /app/data')));
    expect(lines).toContain('ENV DATA_DIR=/app/data');
  });
});

const COMPOSE_TEST_SECRET = 'compose-test-shared-secret';

/** A subgraph started as Compose starts it: its main entry point with the services' environment. */
function startMain(
  name: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; output: () => string; url: Promise<string> }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `subgraphs/${name}/main.ts`], {
    cwd: projectRoot(),
    env: {
      ...process.env,
      NODE_ENV: '',
      JWT_SECRET: '',
      JWKS_URL: '',
      EVENTS_URL: '',
      DATABASE_URL: '',
      SUBGRAPH_SHARED_SECRET: COMPOSE_TEST_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /subgraph ready at (\S+)/.exec(output);
      if (ready) resolve(ready[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return Promise.resolve({ child, output: () => output, url });
}

describe('a subgraph started as in production (node dist/subgraphs/<name>/main.js)', () => {
  it('refuses to run on PostgreSQL without EVENTS_URL: its events would reach no other subgraph', async () => {
    const { url } = await startMain('communes', { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', COMMUNES_PORT: '0' });
    await expect(url).rejects.toThrow(/exited with 1[\s\S]*needs EVENTS_URL/);
  });

  const withServices = process.env.TEST_DATABASE_URL && testEventsUrl() ? it : it.skip;
  withServices('starts empty on an empty PostgreSQL with the broker, and says so: origin EMPTY, no rows', async () => {
    const database = await freshDatabase('postgresql');
    const stream = `lle:test:${process.pid}:main`;
    const { child, url } = await startMain('communes', {
      DATABASE_URL: database.options.databaseUrl!,
      EVENTS_URL: testEventsUrl()!,
      EVENTS_STREAM: stream,
      COMMUNES_PORT: '0',
      HOST: '127.0.0.1',
    });
    try {
      const d = (
        await post(await url, '{ dataset { origin synthetic } regions { code } }', undefined, {
          [SHARED_SECRET_HEADER]: COMPOSE_TEST_SECRET,
        })
      ).data;
      expect(d).toEqual({ dataset: { origin: 'EMPTY', synthetic: false }, regions: [] });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await database.drop();
      const redis = new Redis(testEventsUrl()!);
      await redis.del(stream);
      await redis.quit();
    }
  });
});
