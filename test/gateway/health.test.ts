import { startGateway } from '../../gateway/server';
import { loadSupergraphSdl } from '../../gateway/supergraph';
import { describeEachDatabase } from '../support/platform';
import { SubgraphApp } from '../../kit/subgraph';
import { communesSubgraph } from '../../subgraphs/communes/subgraph';
import { dropPostgresDatabase, freshDatabase } from '../support/databases';

describeEachDatabase('gateway', (platform) => {
  const base = () => platform().url.replace(/\/graphql$/, '');

  it('answers /health and /ready when every subgraph answers', async () => {
    const health = await fetch(`${base()}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base()}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      subgraphs: { communes: true, persons: true, employers: true, training: true, placements: true },
    });
  });

  it('sends CORS headers (any origin by default)', async () => {
    const res = await fetch(`${base()}/health`, { headers: { origin: 'https://portal.example.cl' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('reports not ready (503) when a subgraph is down, and keeps its health', async () => {
    const gateway = await startGateway({
      supergraphSdl: loadSupergraphSdl(),
      subgraphUrls: { ...platform().gateway.subgraphs, communes: 'http://127.0.0.1:9/graphql' },
      corsOrigins: 'https://a.example.cl, https://b.example.cl',
      port: 0,
      host: '127.0.0.1',
    });
    try {
      const gwBase = gateway.url.replace(/\/graphql$/, '');
      const ready = await fetch(`${gwBase}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({
        status: 'unavailable',
        subgraphs: { communes: false, persons: true, employers: true, training: true, placements: true },
      });
      expect((await fetch(`${gwBase}/health`)).status).toBe(200);
      const allowed = await fetch(`${gwBase}/health`, { headers: { origin: 'https://b.example.cl' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://b.example.cl');
      const denied = await fetch(`${gwBase}/health`, { headers: { origin: 'https://evil.example.com' } });
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await gateway.close();
    }
  });

  // Issue 12, finding 9: /ready said ready with the database gone (its probe was `{ __typename }`).
  it('reports a subgraph whose database is gone as not ready, on the subgraph and through the gateway', async () => {
    const database = await freshDatabase(platform().kind);
    const app = await new SubgraphApp(communesSubgraph, database.options).start({ seed: false });
    const served = await app.listen(0, '127.0.0.1');
    const gateway = await startGateway({
      supergraphSdl: loadSupergraphSdl(),
      subgraphUrls: { ...platform().gateway.subgraphs, communes: served.url },
      port: 0,
      host: '127.0.0.1',
    });
    const subgraphReady = () => fetch(served.url.replace(/graphql$/, 'ready'));
    const gatewayReady = () => fetch(gateway.url.replace(/graphql$/, 'ready'));
    try {
      expect((await subgraphReady()).status).toBe(200);
      expect((await gatewayReady()).status).toBe(200);
      // The database goes away under the running subgraph.
      if (database.options.databaseUrl) await dropPostgresDatabase(new URL(database.options.databaseUrl).pathname.slice(1));
      else await app.db!.orm.close(true);
      const res = await subgraphReady();
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', database: false });
      expect((await fetch(served.url.replace(/graphql$/, 'health'))).status).toBe(200);
      const gw = await gatewayReady();
      expect(gw.status).toBe(503);
      expect(((await gw.json()) as { subgraphs: unknown }).subgraphs).toEqual({
        communes: false,
        persons: true,
        employers: true,
        training: true,
        placements: true,
      });
    } finally {
      await gateway.close();
      await served.close();
      await app.close().catch(() => undefined);
      await database.drop();
    }
  });
});
