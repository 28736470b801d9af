import { parentPort, workerData } from 'node:worker_threads';
import { FileError } from './file-error';
import { xlsxRowsInThread, type XlsxBatch } from './read';

/** A batch ends at this many rows, or at this many characters of distinct text (the importing thread's heap holds a batch). */
const BATCH_ROWS = 500;
const BATCH_CHARACTERS = 1_000_000;

/**
 * The XLSX reader's thread (kit/files/read.ts starts it): batches of rows, the next when asked.
 * A batch carries each distinct text once (a shared string may fill every cell of a sheet; sent
 * per cell, 500 rows of it were gigabytes on the other side) and the rows as indexes into it.
 */
async function main(): Promise<void> {
  const port = parentPort!;
  let asked = () => {};
  port.on('message', () => asked());
  const { path, maxUnzipped } = workerData as { path: string; maxUnzipped: number };
  let batch: XlsxBatch = { texts: [], rows: [], done: false };
  let index = new Map<string, number>();
  let characters = 0;
  const send = async (last: Partial<XlsxBatch> = {}) => {
    const next = new Promise<void>((resolve) => (asked = resolve));
    port.postMessage({ ...batch, ...last });
    batch = { texts: [], rows: [], done: false };
    index = new Map();
    characters = 0;
    if (!last.done && !last.error) await next;
  };
  try {
    for await (const row of xlsxRowsInThread(path, maxUnzipped)) {
      const cells = row.cells.map((text) => {
        let at = index.get(text);
        if (at === undefined) {
          at = batch.texts.push(text) - 1;
          index.set(text, at);
          characters += text.length;
        }
        return at;
      });
      batch.rows.push({ row: row.row, cells });
      if (batch.rows.length >= BATCH_ROWS || characters >= BATCH_CHARACTERS) await send();
    }
    await send({ done: true });
  } catch (error) {
    // The file's own error, after the rows read before it (the report lists their problems too).
    // Anything else is this thread's failure: it ends the thread, and the importing side says so.
    if (!(error instanceof FileError)) throw error;
    await send({ error: { code: error.code, message: error.message } });
  }
}

void main();
