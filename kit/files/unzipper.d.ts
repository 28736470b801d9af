// unzipper (the zip reader exceljs streams XLSX with; pinned in package.json) ships no types: the part kit/files uses.
declare module 'unzipper' {
  import type { Duplex, Readable } from 'node:stream';
  /** With forceStream, a stream of entries, each a stream of its inflated bytes. */
  export function Parse(options: { forceStream: true }): Duplex & AsyncIterable<Readable & { path: string }>;
}
