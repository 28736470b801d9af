import { parentPort, workerData } from 'node:worker_threads';
import { FileError } from './file-error';
import { UNREADABLE_XLSX, xlsxRowsInThread, type TableRow, type XlsxMessage } from './read';

/** Rows a batch carries to the importing thread. */
const BATCH = 500;

/** The XLSX reader's thread (kit/files/read.ts starts it): batches of rows, the next when asked. */
async function main(): Promise<void> {
  const port = parentPort!;
  const post = (message: XlsxMessage) => port.postMessage(message);
  let asked = () => {};
  port.on('message', () => asked());
  const { path, maxUnzipped } = workerData as { path: string; maxUnzipped: number };
  try {
    let rows: TableRow[] = [];
    for await (const row of xlsxRowsInThread(path, maxUnzipped)) {
      rows.push(row);
      if (rows.length < BATCH) continue;
      const next = new Promise<void>((resolve) => (asked = resolve));
      post({ rows, done: false });
      rows = [];
      await next;
    }
    post({ rows, done: true });
  } catch (error) {
    // xlsxRowsInThread throws only FileErrors; anything else is this thread's own failure.
    post({
      error:
        error instanceof FileError ? { code: error.code, message: error.message } : { code: 'UNREADABLE_XLSX', message: UNREADABLE_XLSX },
    });
  }
}

void main();
