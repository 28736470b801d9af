import { startGateway } from '../../gateway/server';
import { loadSupergraphSdl } from '../../gateway/supergraph';
import { describeEachDatabase } from '../support/platform';

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
});
