import { Readable } from 'node:stream';
import { deflateRawSync } from 'node:zlib';
import { Open } from 'unzipper';

/** A zip's parts in their stored order, read through its central directory. */
export async function unzipParts(zip: Buffer): Promise<[string, Buffer][]> {
  const directory = await Open.custom({
    size: async () => zip.length,
    stream: (offset, length) => Readable.from([zip.subarray(offset, length ? offset + length : undefined)]),
  });
  const parts: [string, Buffer][] = [];
  for (const file of directory.files.filter((f) => f.type === 'File')) {
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream()) chunks.push(chunk as Buffer);
    parts.push([file.path, Buffer.concat(chunks)]);
  }
  return parts;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip of `parts` in the order given (deflated), as a test needs it: parts in another writer's order, a comment. */
export function zipOf(parts: [string, Buffer][], options: { comment?: string } = {}): Buffer {
  const locals: Buffer[] = [];
  const entries: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of parts) {
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x800, 6); // names in UTF-8
    header.writeUInt16LE(8, 8); // deflated
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    header.copy(entry, 8, 6, 30); // flags … name length, as in the local header
    entry.writeUInt32LE(offset, 42);
    locals.push(header, nameBytes, packed);
    entries.push(entry, nameBytes);
    offset += header.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(entries);
  const comment = Buffer.from(options.comment ?? '', 'utf8');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...locals, directory, end, comment]);
}

/** The same zip, its end record turned into a ZIP64 one that claims `parts` parts (a directory that lies). */
export function claimingParts(zip: Buffer, parts: bigint): Buffer {
  const body = zip.subarray(0, zip.length - 22); // no comment: the end record is the last 22 bytes
  const end = zip.subarray(zip.length - 22);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(parts, 24);
  record.writeBigUInt64LE(parts, 32);
  record.writeBigUInt64LE(BigInt(end.readUInt32LE(12)), 40);
  record.writeBigUInt64LE(BigInt(end.readUInt32LE(16)), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(body.length), 8);
  locator.writeUInt32LE(1, 16);
  const end64 = Buffer.alloc(22);
  end64.writeUInt32LE(0x06054b50, 0);
  end64.writeUInt16LE(0xffff, 8);
  end64.writeUInt16LE(0xffff, 10);
  end64.writeUInt32LE(0xffffffff, 12);
  end64.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([body, record, locator, end64]);
}
