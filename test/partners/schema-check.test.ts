import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../kit/assets';
import { checkSchema, intendedCoordinates, registeredOperations } from '../../scripts/schema-contract';

// Fixtures derive from the committed schema, so they keep testing the rule as the API grows.
const API = readFileSync(projectPath('schema', 'api.graphql'), 'utf8');
const operations = registeredOperations();

/** The API schema with one field of a type's definition removed (the line that declares it). */
function withoutField(type: string, field: string, sdl = API): string {
  const start = sdl.indexOf(`\ntype ${type} {`);
  const end = sdl.indexOf('\n}', start);
  const body = sdl.slice(start, end).replace(new RegExp(`\\n(\\s*"""[^"]*"""\\n)?\\s*${field}(\\([^)]*\\))?: [^\\n]+`), '');
  expect(body).not.toMatch(new RegExp(`\\n\\s*${field}[(:]`));
  return sdl.slice(0, start) + body + sdl.slice(end);
}

const UNRELEASED = (entry: string) =>
  `# Changelog\n\n## Unreleased\n\n### Breaking (intended)\n\n${entry}\n\n## 2025-01-01\n\n- \`Old.field\` removed\n`;

describe('npm run schema:check (scripts/schema-contract.ts)', () => {
  it('has registered partner operations to validate', () => {
    expect(operations.map((o) => `${o.client}/${o.name}`)).toEqual(
      expect.arrayContaining(['example-portal/CommunePlacements', 'example-portal/CoursesByCommune']),
    );
  });

  it('passes the committed schema against itself, and an addition', async () => {
    expect((await checkSchema({ oldSdl: API, newSdl: API, changelog: '', operations })).ok).toBe(true);
    const added = API.replace('\ntype Commune {\n', '\ntype Commune {\n  """New."""\n  nickname: String\n');
    const result = await checkSchema({ oldSdl: API, newSdl: added, changelog: '', operations });
    expect(result).toMatchObject({ ok: true, breaking: [] });
    expect(result.safe.map((c) => c.path)).toContain('Commune.nickname');
  });

  it('fails when a field is removed without a changelog entry, naming its coordinate', async () => {
    const result = await checkSchema({
      oldSdl: API,
      newSdl: withoutField('Commune', 'population2017'),
      changelog: UNRELEASED('(none)'),
      operations,
    });
    expect(result.ok).toBe(false);
    expect(result.unrecorded.map((c) => c.path)).toEqual(['Commune.population2017']);
    expect(result.lines.join('\n')).toMatch(/BREAKING Commune\.population2017: .*NOT recorded/);
  });

  it('passes the same removal when ## Unreleased names it; an older release section does not count', async () => {
    const removed = withoutField('Commune', 'population2017');
    const entry = '- `Commune.population2017` removed: deprecated since 2025-06-01 (removed after 2025-12-31).';
    const ok = await checkSchema({ oldSdl: API, newSdl: removed, changelog: UNRELEASED(entry), operations });
    expect(ok.ok).toBe(true);
    expect(ok.lines.join('\n')).toMatch(/BREAKING Commune\.population2017: .*recorded in CHANGELOG/);
    const old = `# Changelog\n\n## Unreleased\n\n(none)\n\n## 2025-01-01\n\n${entry}\n`;
    expect((await checkSchema({ oldSdl: API, newSdl: removed, changelog: old, operations })).ok).toBe(false);
    expect(intendedCoordinates(UNRELEASED(entry))).toEqual(new Set(['Commune.population2017']));
  });

  it('fails when a registered operation uses a removed field, naming the operation and the field, changelog or not', async () => {
    const broken = withoutField('Commune', 'placementSummary');
    const entry = '- `Commune.placementSummary` removed.';
    const result = await checkSchema({ oldSdl: API, newSdl: broken, changelog: UNRELEASED(entry), operations });
    expect(result.ok).toBe(false);
    expect(result.unrecorded).toEqual([]);
    expect(result.invalid.map((i) => i.operation.name)).toEqual(['CommunePlacements']);
    expect(result.lines.join('\n')).toContain(
      'BROKEN operation CommunePlacements (example-portal, ' +
        result.invalid[0].operation.id.slice(0, 12) +
        '…): Cannot query field "placementSummary" on type "Commune".',
    );
  });

  it('validates registered operations even without a previous schema (first commit, shallow clone)', async () => {
    const broken = withoutField('Provider', 'rut');
    const result = await checkSchema({ oldSdl: null, newSdl: broken, changelog: '', operations });
    expect(result.ok).toBe(false);
    expect(result.lines.join('\n')).toMatch(/BROKEN operation CoursesByCommune .*Cannot query field "rut" on type "Provider"/);
  });

  it('refuses a deprecation without a removal date, accepts one with it', async () => {
    const deprecate = (reason: string) => API.replace(/(\n {2}population2017: Int)/, `$1 @deprecated(reason: "${reason}")`);
    const undated = await checkSchema({ oldSdl: API, newSdl: deprecate('Use population.'), changelog: '', operations });
    expect(undated.undated).toEqual(['Commune.population2017']);
    expect(undated.ok).toBe(false);
    const dated = await checkSchema({
      oldSdl: API,
      newSdl: deprecate('Use population; removed after 2026-12-31.'),
      changelog: '',
      operations,
    });
    expect(dated.ok).toBe(true);
  });

  it('as a command: a broken schema fed to it exits 1 naming the field and the operation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-check-'));
    writeFileSync(join(dir, 'broken.graphql'), withoutField('Commune', 'placementSummary'));
    const run = (args: string[]) => {
      try {
        return {
          code: 0,
          out: execFileSync('node', ['-r', '@swc-node/register', 'scripts/schema-check.ts', ...args], {
            cwd: projectPath(),
            encoding: 'utf8',
          }),
        };
      } catch (error) {
        const e = error as { status: number; stdout: string };
        return { code: e.status, out: e.stdout };
      }
    };
    const broken = run(['--old', projectPath('schema', 'api.graphql'), '--new', join(dir, 'broken.graphql')]);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/BREAKING Commune\.placementSummary: .*NOT recorded/);
    expect(broken.out).toContain('BROKEN operation CommunePlacements');
    expect(broken.out).toContain('Cannot query field "placementSummary" on type "Commune"');
    const same = run(['--old', projectPath('schema', 'api.graphql')]);
    expect(same).toMatchObject({ code: 0 });
    expect(same.out).toContain('schema check passed');
  });
});
