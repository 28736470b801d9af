import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { buildSchema, parse, validate, getOperationAST, type GraphQLSchema } from 'graphql';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { projectPath } from '../kit/assets';
import { loadTrustedDocuments, TRUSTED_DOCUMENTS_DIR } from '../gateway/trusted-documents';

/** The partner contract (docs/partners.md): schema/api.graphql, its history, CHANGELOG.md, trusted documents. */
export const API_SCHEMA = 'schema/api.graphql';
export const CHANGELOG = projectPath('CHANGELOG.md');

/** Deprecations announce their removal date: `@deprecated(reason: "… removed after 2026-12-31")`. */
export const DEPRECATION_REASON = /removed after (\d{4}-\d{2}-\d{2})/;

export interface RegisteredOperation {
  client: string;
  id: string;
  name: string;
  text: string;
}

export function registeredOperations(dir = TRUSTED_DOCUMENTS_DIR): RegisteredOperation[] {
  const operations: RegisteredOperation[] = [];
  for (const partner of loadTrustedDocuments(dir).values()) {
    for (const [id, text] of partner.operations) {
      const name = getOperationAST(parse(text))?.name?.value ?? '(anonymous)';
      operations.push({ client: partner.client, id, name, text });
    }
  }
  return operations;
}

/**
 * The `## Unreleased` section of CHANGELOG.md: the coordinates it names in backticks are the
 * breaking changes recorded as intended.
 */
export function intendedCoordinates(changelog: string): Set<string> {
  const section = /^## Unreleased[^\n]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(changelog)?.[1] ?? '';
  return new Set([...section.matchAll(/`([A-Za-z_][\w.]*)`/g)].map((m) => m[1]));
}

/** A change is recorded when the changelog names its coordinate or a parent of it (`Type` covers `Type.field`). */
function recorded(change: Change, intended: Set<string>): boolean {
  const path = change.path ?? '';
  const parts = path.split('.');
  return parts.some((_, i) => intended.has(parts.slice(0, i + 1).join('.')));
}

export interface CheckResult {
  ok: boolean;
  breaking: Change[];
  dangerous: Change[];
  safe: Change[];
  /** Breaking changes without a changelog entry. */
  unrecorded: Change[];
  /** Registered operations the new schema no longer satisfies. */
  invalid: { operation: RegisteredOperation; errors: string[] }[];
  /** Deprecations without a removal date. */
  undated: string[];
  lines: string[];
}

function deprecationsWithoutDate(schema: GraphQLSchema): string[] {
  const undated: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const members: { name: string; deprecationReason?: string | null }[] = [];
    if ('getFields' in type) members.push(...Object.values(type.getFields()));
    if ('getValues' in type) members.push(...type.getValues());
    for (const member of members) {
      if (member.deprecationReason && !DEPRECATION_REASON.test(member.deprecationReason)) undated.push(`${type.name}.${member.name}`);
    }
  }
  return undated;
}

/** Compares two API schemas and validates the registered operations against the new one. */
export async function checkSchema(options: {
  oldSdl: string | null;
  newSdl: string;
  changelog: string;
  operations: RegisteredOperation[];
}): Promise<CheckResult> {
  const newSchema = buildSchema(options.newSdl);
  const changes = options.oldSdl ? await diff(buildSchema(options.oldSdl), newSchema) : [];
  const by = (level: CriticalityLevel) => changes.filter((c) => c.criticality.level === level);
  const breaking = by(CriticalityLevel.Breaking);
  const dangerous = by(CriticalityLevel.Dangerous);
  const safe = by(CriticalityLevel.NonBreaking);
  const intended = intendedCoordinates(options.changelog);
  const unrecorded = breaking.filter((c) => !recorded(c, intended));
  const invalid = options.operations
    .map((operation) => ({ operation, errors: validate(newSchema, parse(operation.text)).map((e) => e.message) }))
    .filter((r) => r.errors.length > 0);
  const undated = deprecationsWithoutDate(newSchema);

  const lines: string[] = [];
  if (options.oldSdl === null) lines.push('No previous schema to compare with: the diff is skipped.');
  else lines.push(`${changes.length} change(s): ${breaking.length} breaking, ${dangerous.length} dangerous, ${safe.length} safe.`);
  for (const c of breaking) {
    const state = recorded(c, intended) ? 'recorded in CHANGELOG.md' : 'NOT recorded in CHANGELOG.md (## Unreleased)';
    lines.push(`BREAKING ${c.path ?? ''}: ${c.message} — ${state}`);
  }
  for (const c of dangerous) lines.push(`dangerous ${c.path ?? ''}: ${c.message}`);
  for (const { operation, errors } of invalid) {
    for (const error of errors) {
      lines.push(`BROKEN operation ${operation.name} (${operation.client}, ${operation.id.slice(0, 12)}…): ${error}`);
    }
  }
  for (const coordinate of undated) lines.push(`UNDATED deprecation ${coordinate}: its reason must say "removed after YYYY-MM-DD"`);
  const ok = unrecorded.length === 0 && invalid.length === 0 && undated.length === 0;
  lines.push(ok ? 'schema check passed' : 'schema check FAILED');
  return { ok, breaking, dangerous, safe, unrecorded, invalid, undated, lines };
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: projectPath(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
  } catch {
    return null;
  }
}

/**
 * The schema the change is compared with: HEAD's when the working tree changed it (a change not
 * yet committed), else the previous commit's (CI checks out the submitted commit). `null` when
 * there is none: not a git checkout, a first commit, or a shallow clone that cannot deepen.
 */
export function previousApiSchema(base?: string): { ref: string; sdl: string | null } {
  const current = existsSync(projectPath(API_SCHEMA)) ? readFileSync(projectPath(API_SCHEMA), 'utf8') : null;
  const at = (ref: string) => git(['show', `${ref}:${API_SCHEMA}`]);
  if (base) return { ref: base, sdl: at(base) };
  const head = at('HEAD');
  if (head !== null && head !== current) return { ref: 'HEAD', sdl: head };
  if (git(['rev-parse', '--verify', '-q', 'HEAD~1']) === null && git(['rev-parse', '--is-shallow-repository'])?.trim() === 'true') {
    git(['fetch', '--quiet', '--deepen=1']); // CI clones shallowly; one more commit is enough
  }
  if (git(['rev-parse', '--verify', '-q', 'HEAD~1']) === null) return { ref: 'HEAD~1', sdl: null };
  return { ref: 'HEAD~1', sdl: at('HEAD~1') };
}
