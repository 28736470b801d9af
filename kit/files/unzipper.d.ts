// unzipper (the zip reader exceljs uses; pinned in package.json) ships no types: the part kit/files uses.
declare module 'unzipper' {
  import type { Readable } from 'node:stream';
  /** A file of a zip, as its central directory lists it. */
  export interface ZipEntry {
    path: string;
    type: 'File' | 'Directory';
    pathBuffer: Buffer;
    offsetToLocalFileHeader: number;
    compressedSize: number;
    /** Its inflated bytes. */
    stream(): Readable;
  }
  /** Reads a zip's central directory from a source of byte ranges. */
  export const Open: {
    custom(
      source: { size(): Promise<number>; stream(offset: number, length?: number): Readable },
      /** tailSize: how far from the end the end-of-directory record is looked for (80 bytes by default). */
      options?: { tailSize?: number },
    ): Promise<{ files: ZipEntry[] }>;
  };
}
