import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { Arg, Ctx, Directive, Field, GraphQLISODateTime, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { Context } from '../context';
import { badUserInput, codedError } from '../errors';
import { numericId } from '../args';
import { PAGE_MAX } from '../config';

export enum ImportStatus {
  RUNNING = 'RUNNING',
  CHECKED = 'CHECKED',
  COMMITTED = 'COMMITTED',
  REJECTED = 'REJECTED',
  FAILED = 'FAILED',
}

registerEnumType(ImportStatus, {
  name: 'ImportStatus',
  description: 'Where a file import stands.',
  valuesConfig: {
    RUNNING: { description: 'Being checked or written: see progress.' },
    CHECKED: { description: 'A dry run that found no problem: nothing written.' },
    COMMITTED: { description: 'Every row valid: the new rows were written, in one transaction.' },
    REJECTED: { description: 'The file or some rows were wrong: nothing written (the report lists every problem).' },
    FAILED: { description: 'Stopped by an error of the platform: nothing written.' },
  },
});

/** Every file import (dry run or commit): who, when, which file (name and SHA-256), kind, counts, outcome. */
@ObjectType({ description: 'A file import: who, when, which file, the counts and the outcome.' })
@Directive('@shareable')
@Entity({ tableName: 'import_record' })
@Index({ properties: ['subject', 'startedAt'] })
export class ImportRecord {
  [OptionalProps]?: 'id' | 'finishedAt' | 'message' | 'rows' | 'invalidRows' | 'created' | 'unchanged' | 'issues';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field({ description: 'The kind of record, e.g. placements.' })
  @Property({ type: 'string', length: 40 })
  kind!: string;

  @Field()
  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Field({ description: 'SHA-256 of the file, hex.' })
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Field({ description: "Who imported it (the token's subject)." })
  @Property({ type: 'string', length: 120 })
  subject!: string;

  @Field()
  @Property({ type: 'boolean' })
  dryRun!: boolean;

  @Field(() => ImportStatus)
  @Property({ type: 'string', length: 16 })
  status!: ImportStatus;

  @Field(() => Int, { description: 'Data rows read (the header not counted).' })
  @Property({ type: 'integer' })
  rows: number = 0;

  @Field(() => Int, { description: 'Rows with at least one problem.' })
  @Property({ type: 'integer' })
  invalidRows: number = 0;

  @Field(() => Int, { description: 'Records written (0 for a dry run or a rejected file).' })
  @Property({ type: 'integer' })
  created: number = 0;

  @Field(() => Int, { description: 'Rows whose record exists already (same natural key): nothing to write.' })
  @Property({ type: 'integer' })
  unchanged: number = 0;

  @Field(() => Int, { description: 'Problems reported (row, column, value, code).' })
  @Property({ type: 'integer' })
  issues: number = 0;

  @Field(() => String, { nullable: true, description: 'Why the whole file was refused, if it was.' })
  @Property({ type: 'text', nullable: true })
  message: string | null = null;

  @Field(() => GraphQLISODateTime)
  @Property({ type: 'datetime' })
  startedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  @Field(() => Int, { description: 'Rows processed so far while RUNNING (checked, then written); rows when finished.' })
  progress?: number;

  @Field(() => String, { nullable: true, description: 'RUNNING: "checking" or "writing".' })
  phase?: string | null;
}

/** Imports running in this process: their progress, read by the graph while they run. */
export const runningImports = new Map<number, { phase: 'checking' | 'writing'; done: number }>();

function withProgress(record: ImportRecord): ImportRecord {
  const live = runningImports.get(record.id);
  record.progress = live?.done ?? record.rows;
  record.phase = record.status === ImportStatus.RUNNING ? (live?.phase ?? null) : null;
  return record;
}

/**
 * The query that lists a subgraph's imports, named after it (e.g. `placementsImports`): admins
 * see every import, other writers their own; newest first.
 */
const resolvers = new Map<string, Function>();
export function importsResolver(subgraph: string): Function {
  if (!resolvers.has(subgraph)) resolvers.set(subgraph, makeImportsResolver(subgraph));
  return resolvers.get(subgraph)!;
}

function makeImportsResolver(subgraph: string): Function {
  @Resolver()
  class ImportsResolver {
    @Query(() => [ImportRecord], {
      name: `${subgraph}Imports`,
      description: `File imports into the ${subgraph} subgraph (newest first): an admin sees all, others their own. While one runs, its progress grows.`,
    })
    async imports(
      @Ctx() ctx: Context<unknown>,
      @Arg('id', () => ID, { nullable: true }) id?: string,
      @Arg('status', () => ImportStatus, { nullable: true }) status?: ImportStatus,
      @Arg('first', () => Int, { defaultValue: 20 }) first: number = 20,
    ): Promise<ImportRecord[]> {
      if (!ctx.viewer) throw codedError('UNAUTHENTICATED', 'Listing imports needs a token', { reason: 'no token' });
      if (first < 0 || first > PAGE_MAX) throw badUserInput('first', `must be between 0 and ${PAGE_MAX}`);
      const where: Record<string, unknown> = {};
      if (!ctx.viewer.roles.includes('admin')) where.subject = ctx.viewer.sub;
      if (id != null) {
        const numeric = numericId(id);
        if (numeric === null) throw badUserInput('id', 'must be a numeric id');
        where.id = numeric;
      }
      if (status) where.status = status;
      if (first === 0) return [];
      const rows = await ctx.em.find(ImportRecord, where, { orderBy: { id: 'desc' }, limit: first });
      return rows.map(withProgress);
    }
  }
  Object.defineProperty(ImportsResolver, 'name', { value: `${subgraph}ImportsResolver` });
  return ImportsResolver;
}

/** The kit's migration of the import records, run in each subgraph's schema after its own. */
export class Migration20261127130000_kit_imports extends Migration {
  override async up(): Promise<void> {
    const s = `"${this.config.get('schema')}"`;
    this.addSql(
      `create table if not exists ${s}."import_record" ("id" serial primary key, "kind" varchar(40) not null, "file_name" varchar(255) not null, ` +
        `"sha256" varchar(64) not null, "subject" varchar(120) not null, "dry_run" boolean not null, "status" varchar(16) not null, ` +
        `"rows" int not null default 0, "invalid_rows" int not null default 0, "created" int not null default 0, "unchanged" int not null default 0, ` +
        `"issues" int not null default 0, "message" text null, "started_at" timestamptz not null, "finished_at" timestamptz null);`,
    );
    this.addSql(`create index if not exists "import_record_subject_started_at_index" on ${s}."import_record" ("subject", "started_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "${this.config.get('schema')}"."import_record";`);
  }
}
