import type { EntityManager } from '@mikro-orm/knex';
import { AuditEntry, entryHash, GENESIS_HASH, type AuditContent } from './entry';

/** An entry before the chain gives it its place: everything but seq and the hashes. */
export type AuditDraft = Omit<AuditContent, 'seq'>;

interface Pending {
  drafts: AuditDraft[];
  resolve(): void;
  reject(error: unknown): void;
}

/** Where a subgraph's audit entries go: its database's writer, or another thread's (kit/audit/delegated.ts). */
export interface AuditAppender {
  append(drafts: AuditDraft[]): Promise<void>;
  /** Appends in a transaction the caller holds (a file import). */
  appendWithin(em: EntityManager, drafts: AuditDraft[]): Promise<void>;
}

/** Entries per insert statement (15 columns each). */
const INSERT_SLICE = 500;

/** The audit table, schema-qualified on PostgreSQL. */
function auditTable(em: EntityManager): string {
  const schema = em.config.get('schema');
  return schema ? `"${schema}"."audit_entry"` : '"audit_entry"';
}

/**
 * Appends to one database's chain, one writer at a time: in this process a queue (requests that
 * finish while a write is under way go together in the next transaction: one lock, one read of
 * the last hash, one insert for all), across processes an exclusive lock on the table on
 * PostgreSQL (SQLite's embedded default has one writer: the all-in-one start's lanes hand their entries to the main thread's). Each batch gets the next seqs and the
 * hashes that continue from the last row.
 */
export class AuditWriter implements AuditAppender {
  private queue: Pending[] = [];
  private running = false;
  private readonly recent = new RecentEntries();

  constructor(private readonly em: EntityManager) {}

  append(drafts: AuditDraft[]): Promise<void> {
    if (!drafts.length) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ drafts, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0);
        try {
          await this.write(batch.flatMap((p) => p.drafts));
          for (const p of batch) p.resolve();
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async write(drafts: AuditDraft[]): Promise<void> {
    const merged = this.recent.newOnly(drafts);
    await this.em.fork().transactional((tx) => this.appendRows(tx as EntityManager, merged.kept));
    merged.commit();
  }

  /**
   * Appends in a transaction the caller holds (a file import: its entries commit with its rows,
   * or not at all). The lock is held until that transaction ends: call it last.
   */
  async appendWithin(em: EntityManager, drafts: AuditDraft[]): Promise<void> {
    const merged = this.recent.newOnly(drafts);
    await this.appendRows(em, merged.kept);
    merged.commit();
  }

  private async appendRows(em: EntityManager, drafts: AuditDraft[]): Promise<void> {
    if (!drafts.length) return;
    if (em.getPlatform().constructor.name.startsWith('PostgreSql')) {
      await em.execute(`lock table ${auditTable(em)} in share row exclusive mode`);
    }
    const [last] = await em.find(AuditEntry, {}, { orderBy: { seq: 'desc' }, limit: 1, fields: ['seq', 'hash'] });
    let seq = last?.seq ?? 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const rows = drafts.map((draft) => {
      const content: AuditContent = { ...draft, seq: ++seq };
      const hash = entryHash(prevHash, content);
      const row = { ...content, prevHash, hash };
      prevHash = hash;
      return row;
    });
    // Slices keep each statement under the databases' bound-parameter limits (an import's thousands).
    for (let i = 0; i < rows.length; i += INSERT_SLICE) await em.insertMany(AuditEntry, rows.slice(i, i + INSERT_SLICE));
  }
}

/** How long after a request's first entries its later fetches are merged into them. */
const MERGE_WINDOW_MS = 60_000;

/**
 * One entry per person, outcome and request: the gateway may reach this subgraph several times in
 * one request (one fetch per step of its plan). A later fetch's draft for a person already on
 * record — same request id and viewer, within MERGE_WINDOW_MS, since a client chooses its request
 * id — keeps only the fields not recorded yet, and is dropped when none are left. What this
 * process appended lately is kept in memory (appends are serialised through its writer): no read
 * of the table on the request's path. Fetches of one request served by two replicas of a
 * subgraph are not merged.
 */
class RecentEntries {
  private readonly byRequest = new Map<string, { at: number; fields: Map<string, Set<string>> }>();

  /** The drafts with what is on record already taken out, and how to record them once written. */
  newOnly(drafts: AuditDraft[], now = Date.now()): { kept: AuditDraft[]; commit(): void } {
    for (const [id, entry] of this.byRequest) {
      if (entry.at > now - MERGE_WINDOW_MS) break; // insertion order is time order
      this.byRequest.delete(id);
    }
    const added = new Map<string, Map<string, Set<string>>>();
    const kept: AuditDraft[] = [];
    for (const draft of drafts) {
      const key = `${draft.viewerSub ?? ''}\u0000${draft.personType ?? ''}\u0000${draft.personId ?? ''}\u0000${draft.outcome}`;
      const pending = added.get(draft.requestId) ?? new Map<string, Set<string>>();
      const seen = this.byRequest.get(draft.requestId)?.fields.get(key) ?? pending.get(key);
      const fields = draft.fields.split(',').filter((f) => f && !seen?.has(f) && !pending.get(key)?.has(f));
      if ((seen || pending.has(key)) && fields.length === 0) continue;
      kept.push(seen || pending.has(key) ? { ...draft, fields: fields.join(',') } : draft);
      pending.set(key, new Set([...(pending.get(key) ?? []), ...fields]));
      added.set(draft.requestId, pending);
    }
    return {
      kept,
      commit: () => {
        for (const [requestId, fields] of added) {
          const entry = this.byRequest.get(requestId) ?? { at: now, fields: new Map<string, Set<string>>() };
          for (const [key, set] of fields) entry.fields.set(key, new Set([...(entry.fields.get(key) ?? []), ...set]));
          if (!this.byRequest.has(requestId)) this.byRequest.set(requestId, entry);
        }
      },
    };
  }
}

export interface ChainReport {
  /** Entries walked. */
  entries: number;
  /** The last entry's hash (keep it elsewhere: it anchors the chain against truncation). */
  head: string;
  /** The first entry that does not verify, and why; absent when the chain is intact. */
  broken?: { seq: number; reason: string };
}

/**
 * Walks the chain in seq order, in pages: every row's seq follows the previous one, its prevHash
 * is the previous hash and its hash is recomputed from its content. Names the first row that fails.
 */
export async function verifyChain(em: EntityManager, pageSize = 5000): Promise<ChainReport> {
  const fork = em.fork();
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  for (;;) {
    const rows = await fork.find(AuditEntry, { seq: { $gte: expectedSeq } }, { orderBy: { seq: 'asc' }, limit: pageSize });
    fork.clear();
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { entries, head: prevHash, broken: { seq: expectedSeq, reason: `missing: the next entry is ${row.seq}` } };
      }
      if (row.prevHash !== prevHash) {
        return { entries, head: prevHash, broken: { seq: row.seq, reason: 'its prevHash is not the previous entry’s hash' } };
      }
      if (entryHash(prevHash, row) !== row.hash) {
        return {
          entries,
          head: prevHash,
          broken: { seq: row.seq, reason: 'its content does not match its hash (changed after it was written)' },
        };
      }
      prevHash = row.hash;
      expectedSeq++;
      entries++;
    }
    if (rows.length < pageSize) return { entries, head: prevHash };
  }
}
