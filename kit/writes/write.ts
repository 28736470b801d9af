import {
  DeadlockException,
  ForeignKeyConstraintViolationException,
  LockWaitTimeoutException,
  NotNullConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { GraphQLError } from 'graphql';
import { forbidden } from '../access';
import type { Context, Viewer } from '../context';
import { codedError } from '../errors';
import { IdempotencyRecord, inputHash } from './idempotency';

/**
 * The writer of a commune's records: `omil` for the communes of its token, `admin` anywhere; any
 * other role FORBIDDEN, no token UNAUTHENTICATED. Returns the subject recorded on the rows.
 */
export function writerFor(viewer: Viewer | null, communeCode: string): string {
  if (!viewer) throw codedError('UNAUTHENTICATED', 'Writing needs a token', { reason: 'no token' });
  if (viewer.roles.includes('admin')) return viewer.sub;
  if (!viewer.roles.includes('omil'))
    throw forbidden(`Your roles (${viewer.roles.join(', ')}) cannot write: OMIL executives and admins write`);
  if (!viewer.communes.includes(communeCode)) throw forbidden(`Your token does not act for commune ${communeCode}`);
  return viewer.sub;
}

export const conflict = (message: string, extensions: Record<string, unknown> = {}) => codedError('CONFLICT', message, extensions);
export const notFound = (message: string) => codedError('NOT_FOUND', message);

/** What a writer is told when the database stopped its transaction for another's (a deadlock): nothing was written. */
export const CONCURRENT_WRITE = 'Another write changed the same records at the same moment: nothing was written, send it again';

/**
 * Whether the database stopped a write because another held what it needed: PostgreSQL's deadlock
 * or serialisation failure, or a lock wait past `lock_timeout` when the database sets one (raw SQL
 * gets the driver's error unconverted).
 */
export function isConcurrentWrite(error: unknown): boolean {
  if (error instanceof DeadlockException || error instanceof LockWaitTimeoutException) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001' || code === '55P03';
}

/** Database refusals as client errors (a duplicate is CONFLICT); anything else goes on unchanged. */
export function clientError(error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  if (error instanceof UniqueConstraintViolationException) return conflict('A record with the same unique values exists already');
  if (isConcurrentWrite(error)) return conflict(CONCURRENT_WRITE, { reason: 'concurrent write' });
  if (error instanceof ForeignKeyConstraintViolationException)
    return codedError('BAD_USER_INPUT', 'A referenced record does not exist', { field: 'input', reason: 'unknown reference' });
  if (error instanceof NotNullConstraintViolationException)
    return codedError('BAD_USER_INPUT', 'A required value is missing', { field: 'input', reason: 'missing value' });
  return error;
}

export interface CreateOnce<T> {
  /** The mutation's name: a key used for another operation is CONFLICT. */
  operation: string;
  idempotencyKey: string;
  input: object;
  subject: string;
  /** Loads the first request's row for a replay. */
  load(em: EntityManager, id: string): Promise<T | null>;
}

/**
 * A create, once per idempotency key: in one transaction the key is claimed (its unique index
 * decides a race), the row and its events are written, and the key records the row. The same key
 * and input again returns the first row and writes nothing; with another input, CONFLICT.
 */
export async function createOnce<T extends { id: number | string }>(
  ctx: Context<unknown>,
  options: CreateOnce<T>,
  work: (tx: EntityManager) => Promise<T>,
): Promise<{ record: T; replayed: boolean }> {
  const { subject, idempotencyKey: key, operation } = options;
  const hash = inputHash(options.input);
  const earlier = async (): Promise<{ record: T; replayed: boolean } | null> => {
    const em = ctx.em.fork();
    const found = await em.findOne(IdempotencyRecord, { subject, key });
    if (!found) return null;
    if (found.operation !== operation || found.inputHash !== hash) {
      throw conflict(`The idempotency key "${key}" was used for another request`, { field: 'input.idempotencyKey' });
    }
    const record = found.resultId ? await options.load(em, found.resultId) : null;
    if (!record) throw new Error(`idempotency key ${key}: its row ${found.resultId} is gone`);
    return { record, replayed: true };
  };
  const first = await earlier();
  if (first) return first;
  try {
    const record = await ctx.em.fork().transactional(async (tx) => {
      const claim = tx.create(IdempotencyRecord, { subject, key, operation, inputHash: hash, resultId: null });
      await tx.persistAndFlush(claim);
      const created = await work(tx as EntityManager);
      await tx.flush();
      claim.resultId = String(created.id);
      await tx.flush();
      return created;
    });
    ctx.events?.committed();
    return { record, replayed: false };
  } catch (error) {
    // Lost a race for the key: the winner's row is the answer.
    if (error instanceof UniqueConstraintViolationException) {
      const winner = await earlier();
      if (winner) return winner;
    }
    throw clientError(error);
  }
}

export interface VersionedUpdate<T> {
  entity: new () => T;
  id: number;
  /** The version the client read. */
  version: number;
  /** Who may change this row (throws FORBIDDEN/UNAUTHENTICATED): the subject recorded. */
  authorize(current: T): string;
}

/**
 * An update that must start from the version the client read: stale is CONFLICT and writes
 * nothing; two concurrent updates from one version, exactly one wins (the version is checked
 * in the UPDATE itself). `apply` validates, returns the changed fields and may emit events.
 */
export async function updateVersioned<T extends { id: number; version: number }>(
  ctx: Context<unknown>,
  options: VersionedUpdate<T>,
  apply: (tx: EntityManager, current: T, subject: string) => Promise<Partial<T>>,
): Promise<T> {
  const { entity, id, version } = options;
  const name = entity.name;
  try {
    const updated = await ctx.em.fork().transactional(async (tx) => {
      const current = await tx.findOne(entity, { id } as never);
      if (!current) throw notFound(`${name} ${id} does not exist`);
      const subject = options.authorize(current as T);
      if ((current as T).version !== version) {
        throw conflict(`${name} ${id} changed since you read it (version ${version}, now ${(current as T).version}): read it again`, {
          field: 'input.version',
          currentVersion: (current as T).version,
        });
      }
      const changes = await apply(tx as EntityManager, current as T, subject);
      const affected = await tx.nativeUpdate(
        entity,
        { id, version } as never,
        {
          ...changes,
          version: version + 1,
          updatedBy: subject,
          updatedAt: new Date(),
        } as never,
      );
      if (affected !== 1)
        throw conflict(`${name} ${id} was changed by someone else at the same time: read it again`, { field: 'input.version' });
      return (await tx.findOneOrFail(entity, { id } as never, { refresh: true })) as T;
    });
    ctx.events?.committed();
    return updated;
  } catch (error) {
    throw clientError(error);
  }
}
