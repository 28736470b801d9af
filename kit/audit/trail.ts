import type { Viewer } from '../context';
import { AuditOutcome } from './entry';
import type { AuditDraft, AuditWriter } from './chain';

/** What a subgraph knows of the request it serves: from the gateway's headers. */
export interface AuditRequest {
  /** x-request-id (the gateway's, or generated here). */
  requestId: string;
  /** x-purpose as sent (validated only when personal fields are read). */
  purpose: string | null;
  /** The client's operation name, when it named one. */
  operation: string | null;
}

/** One person's data touched in this request, as a path reports it. */
export interface AuditTouch {
  /** The GraphQL type of the record, e.g. 'Person'. */
  type: string;
  /** Its id; null for a refused list or lookup that named no one. */
  id: string | number | null;
  /** The fields read, written or refused. */
  fields: string[];
  outcome: 'read' | 'written' | 'refused';
}

const RANK = { refused: 0, read: 1, written: 2 } as const;
const OUTCOME = { refused: AuditOutcome.REFUSED, read: AuditOutcome.READ, written: AuditOutcome.WRITTEN } as const;

/**
 * The audit of one request: every path that reads or writes personal data reports here
 * (`record`); nothing is written until `flush` at the request's end, which appends one entry per
 * person (fields merged, outcome: written over read over refused) in one transaction.
 */
export class AuditTrail {
  private readonly touched = new Map<string, { type: string; id: string | null; fields: Set<string>; outcome: AuditTouch['outcome'] }>();
  private flushed?: Promise<void>;

  constructor(
    readonly request: AuditRequest,
    private readonly viewer: Viewer | null,
    private readonly writer: AuditWriter | null,
    private readonly at = new Date(),
  ) {}

  record(touch: AuditTouch): void {
    const id = touch.id === null ? null : String(touch.id);
    const key = `${touch.type}\u0000${id ?? ''}`;
    let entry = this.touched.get(key);
    if (!entry) this.touched.set(key, (entry = { type: touch.type, id, fields: new Set(), outcome: touch.outcome }));
    for (const field of touch.fields) entry.fields.add(field);
    if (RANK[touch.outcome] > RANK[entry.outcome]) entry.outcome = touch.outcome;
  }

  /** The entries this request would append (sorted by type and id, so a request's order is stable). */
  drafts(): AuditDraft[] {
    const viewer = this.viewer;
    return [...this.touched.values()]
      .sort((a, b) => a.type.localeCompare(b.type) || (a.id ?? '').localeCompare(b.id ?? '', undefined, { numeric: true }))
      .map((entry) => ({
        at: this.at,
        requestId: this.request.requestId,
        operation: this.request.operation,
        viewerSub: viewer?.sub ?? null,
        viewerRoles: viewer?.roles.join(',') ?? '',
        viewerCommunes: viewer?.communes.join(',') ?? '',
        purpose: this.request.purpose,
        personType: entry.type,
        personId: entry.id,
        fields: [...entry.fields].sort().join(','),
        outcome: OUTCOME[entry.outcome],
      }));
  }

  /** Appends this request's entries (once; later calls wait for the same append). */
  flush(): Promise<void> {
    return (this.flushed ??= this.writer ? this.writer.append(this.drafts()) : Promise.resolve());
  }
}
