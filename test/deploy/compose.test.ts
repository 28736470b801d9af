import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SUBGRAPHS } from '../../subgraphs';
import { projectPath } from '../../kit/assets';
import { GATEWAY_DEFAULT_PORT, SUBGRAPH_NAMES } from '../../kit/config';

// No Docker engine runs here: this checks what can be checked without one (see README, "Deploying").
describe('docker-compose.yml', () => {
  // merge: the YAML merge keys (<<) that Compose supports.
  const compose = parse(readFileSync(projectPath('docker-compose.yml'), 'utf8'), { merge: true });
  const services = compose.services;

  it('runs PostgreSQL, every subgraph and the gateway, each with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'postgres', ...SUBGRAPHS.map((s) => s.name)].sort());
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
      // Production refuses to start without a key: Compose refuses to run without one either.
      expect(service.environment.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
      expect(service.environment.SUBGRAPH_SHARED_SECRET).toMatch(/^\$\{SUBGRAPH_SHARED_SECRET:\?/);
      expect(service.healthcheck.test.join(' ')).toContain(`:${port}/health`);
    }
  });

  it('points the gateway at every subgraph and waits for them to be healthy', () => {
    const gateway = services.gateway;
    expect(gateway.command).toEqual(['node', 'dist/gateway/main.js']);
    for (const { name } of SUBGRAPHS) {
      const port = GATEWAY_DEFAULT_PORT + 1 + SUBGRAPH_NAMES.indexOf(name);
      expect(gateway.environment[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${port}/graphql`);
      expect(gateway.depends_on[name].condition).toBe('service_healthy');
    }
    expect(gateway.ports).toEqual(['4000:4000']);
    expect(gateway.environment.JWT_SECRET).toBe(services.communes.environment.JWT_SECRET);
    expect(gateway.environment.SUBGRAPH_SHARED_SECRET).toBe(services.communes.environment.SUBGRAPH_SHARED_SECRET);
  });

  it('builds from a Dockerfile that ships what the services read at run time', () => {
    const dockerfile = readFileSync(projectPath('Dockerfile'), 'utf8');
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(dockerfile).toContain('COPY schema schema');
    expect(dockerfile).toContain('domain/los-lagos-communes.csv');
  });
});
