/**
 * The audit log of personal data (Ley 21.719): append-only, hash-chained, one entry per person
 * per request, in each subgraph's own database. Use as `import * as audit from '../kit/audit'`:
 * `audit.record(ctx, { type: 'Person', id, fields, outcome: 'written' })` from any path that reads
 * or writes personal data outside the auth checker (exports, imports, writes);
 * `audit.entriesOfPerson(em, id)` lists who read or wrote a person's data; `audit.verifyChain(em)`.
 */
export { AuditEntry, AuditOutcome, GENESIS_HASH, entryHash, Migration20261201090000_kit_audit } from './entry';
export { AuditWriter, verifyChain, type AuditDraft, type ChainReport } from './chain';
export { AuditTrail, type AuditRequest, type AuditTouch } from './trail';
export { record, recordField, recordRefusal, selectedPersonalFields } from './record';
export { personalFields, mayReadPersonal } from './personal';
export {
  auditPlugin,
  auditRequest,
  personalSelections,
  clientOperationName,
  purposeError,
  PURPOSE_HEADER,
  REQUEST_ID_HEADER,
} from './plugin';
export { AuditResolver, AuditFilter, AuditEntriesArgs, AuditEntryConnection, listAudit, entriesOfPerson } from './query';
