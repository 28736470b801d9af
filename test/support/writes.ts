import { OutboxEvent } from '../../kit/events/outbox';
import type { SubgraphApp } from '../../kit/subgraph';

/** The outbox rows after `afterSeq` (every one when 0), oldest first, payloads parsed. */
export async function outboxAfter(app: SubgraphApp<any>, afterSeq = 0): Promise<{ seq: number; type: string; payload: any }[]> {
  const rows = await app.db!.em.fork().find(OutboxEvent, { seq: { $gt: afterSeq } }, { orderBy: { seq: 'asc' } });
  return rows.map((r) => ({ seq: r.seq, type: r.type, payload: JSON.parse(r.payload) }));
}

/** The newest outbox row's sequence number: what a test reads events after. */
export async function outboxHead(app: SubgraphApp<any>): Promise<number> {
  const [last] = await app.db!.em.fork().find(OutboxEvent, {}, { orderBy: { seq: 'desc' }, limit: 1 });
  return last?.seq ?? 0;
}

/**
 * Makes the database refuse every event written to the outbox (a trigger), as a failing disk or
 * constraint would mid-transaction: a write must then leave nothing. Returns the undo.
 */
export async function refuseOutboxInserts(app: SubgraphApp<any>): Promise<() => Promise<void>> {
  const connection = app.db!.em.getConnection();
  if (app.db!.kind === 'sqlite') {
    await connection.execute(
      "create trigger refuse_outbox before insert on outbox_event begin select raise(abort, 'forced failure: the outbox refuses events'); end",
    );
    return async () => void (await connection.execute('drop trigger refuse_outbox'));
  }
  const schema = `"${app.name}"`;
  await connection.execute(
    `create function ${schema}.refuse_outbox() returns trigger language plpgsql as $$ begin raise exception 'forced failure: the outbox refuses events'; end $$`,
  );
  await connection.execute(
    `create trigger refuse_outbox before insert on ${schema}.outbox_event for each row execute function ${schema}.refuse_outbox()`,
  );
  return async () => {
    await connection.execute(`drop trigger refuse_outbox on ${schema}.outbox_event`);
    await connection.execute(`drop function ${schema}.refuse_outbox()`);
  };
}
