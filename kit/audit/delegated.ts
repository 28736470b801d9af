import type { AuditAppender, AuditDraft } from './chain';

/**
 * Entries handed to a writer elsewhere: the all-in-one start's lanes (worker threads) send
 * their subgraphs' entries to the main thread's writers, so each SQLite file keeps one writer and its
 * chain one queue. It reads; it holds no transaction that entries could join.
 */
export class DelegatedAudit implements AuditAppender {
  constructor(private readonly send: (drafts: AuditDraft[]) => Promise<void>) {}

  append(drafts: AuditDraft[]): Promise<void> {
    return drafts.length ? this.send(drafts) : Promise.resolve();
  }

  appendWithin(): Promise<void> {
    return Promise.reject(new Error('entries written within a transaction are appended by the subgraph that holds the transaction'));
  }
}
