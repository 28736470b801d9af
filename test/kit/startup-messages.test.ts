import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { assertSafeBinding, authConfigFromEnv } from '../../kit/auth';
import { databaseKind } from '../../kit/orm';
import { listen } from '../../kit/serve';
import { freshDatabase } from '../support/databases';
import { processesEnv, run, stop } from '../support/processes';

// Issue 12, findings 12 and 14: what an operator is told at start.
describe('start-up safety and messages', () => {
  it('refuses the public development secret beyond loopback, and accepts it on loopback or with a real key', () => {
    const dev = authConfigFromEnv({});
    expect(() => assertSafeBinding('0.0.0.0', dev)).toThrow(
      'HOST=0.0.0.0 listens beyond this machine with the public development signing secret: set JWT_SECRET (32+ characters) or JWKS_URL, or listen on 127.0.0.1',
    );
    expect(() => assertSafeBinding('192.168.1.10', dev)).toThrow(/public development signing secret/);
    for (const host of [undefined, '127.0.0.1', 'localhost', '::1']) expect(() => assertSafeBinding(host, dev)).not.toThrow();
    expect(() => assertSafeBinding('0.0.0.0', authConfigFromEnv({ JWT_SECRET: 'x'.repeat(32) }))).not.toThrow();
  });

  it('caps token lifetimes at 24 h unless JWT_MAX_TTL_S says otherwise', () => {
    expect(authConfigFromEnv({}).maxTtlS).toBe(86_400);
    expect(authConfigFromEnv({ JWT_MAX_TTL_S: '3600' }).maxTtlS).toBe(3600);
    expect(() => authConfigFromEnv({ JWT_MAX_TTL_S: 'forever' })).toThrow('JWT_MAX_TTL_S must be a positive integer, got "forever"');
  });

  it('calls a mysql:// URL an unsupported database', () => {
    expect(() => databaseKind('mysql://root@db/lle')).toThrow(
      'unsupported database "mysql": DATABASE_URL must be a postgres:// URL, or unset for the embedded SQLite',
    );
  });

  it('names the port that is taken and the setting that moves it', async () => {
    const blocker: Server = await new Promise((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => resolve(server));
    });
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(listen(express(), port, '127.0.0.1', 'COMMUNES_PORT')).rejects.toThrow(
        `port ${port} on 127.0.0.1 is already in use: set COMMUNES_PORT to another port`,
      );
    } finally {
      blocker.close();
    }
  });

  it('stops the all-in-one start on a mysql:// URL before saying anything about PostgreSQL', async () => {
    const { env } = await processesEnv({ DATABASE_URL: 'mysql://root@127.0.0.1/lle' });
    const started = run('scripts/start-all.ts', env, /gateway ready/);
    await expect(started).rejects.toThrow(/unsupported database \\?"mysql\\?"/);
    await expect(started).rejects.not.toThrow(/PostgreSQL/);
  });

  it('seeds an empty embedded directory in a worker thread on the first start, says so, and serves the seeded data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lle-first-start-'));
    const { env, gatewayPort } = await processesEnv({ DATA_DIR: dataDir });
    // Each subgraph's seeding is reported by the thread before the gateway starts.
    const child = await run('scripts/start-all.ts', env, /seeding the embedded demo data[\s\S]*placements: seeded[\s\S]*gateway ready/);
    try {
      const res = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ region(code: "10") { placementSummary(year: 2022) { placements goal } } }' }),
      });
      expect(((await res.json()) as any).data.region.placementSummary).toEqual({ placements: 4948, goal: 4899 });
    } finally {
      await stop(child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('binds a subgraph started alone to 127.0.0.1 by default', async () => {
    const database = await freshDatabase('sqlite', { seeded: true });
    const { env } = await processesEnv({ DATA_DIR: database.options.dataDir, HOST: '' });
    const child = await run('subgraphs/communes/main.ts', env, /communes subgraph ready at (\S+)/);
    try {
      const port = env.COMMUNES_PORT;
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      // Not reachable on another local address of this machine.
      const other = Object.values((await import('node:os')).networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
      if (other) await expect(fetch(`http://${other}:${port}/health`)).rejects.toThrow();
    } finally {
      await stop(child);
      await database.drop();
    }
  });
});
