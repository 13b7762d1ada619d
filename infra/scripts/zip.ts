/**
 * A minimal ZIP writer (deflate, no directories, no ZIP64): enough for a Teams app package of three small files,
 * without adding an archive library.
 */
import { crc32, deflateRawSync } from 'node:zlib';

/** One file stored at the archive's root. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

const deflateMethod = 8;
// 1980-01-01 00:00 in MS-DOS format, so the same inputs always produce the same bytes.
const dosTime = 0;
const dosDate = (0 << 9) | (1 << 5) | 1;
const utf8NamesFlag = 0x0800;

/**
 * The 26 bytes the local file header and the central directory record share, in the same order:
 * version needed, flags, method, time, date, CRC-32, sizes, name length, extra length.
 */
function sharedFields(checksum: number, compressedSize: number, size: number, nameLength: number): Buffer {
  const fields = Buffer.alloc(26);
  fields.writeUInt16LE(20, 0); // version needed: 2.0 (deflate)
  fields.writeUInt16LE(utf8NamesFlag, 2);
  fields.writeUInt16LE(deflateMethod, 4);
  fields.writeUInt16LE(dosTime, 6);
  fields.writeUInt16LE(dosDate, 8);
  fields.writeUInt32LE(checksum, 10);
  fields.writeUInt32LE(compressedSize, 14);
  fields.writeUInt32LE(size, 18);
  fields.writeUInt16LE(nameLength, 22);
  return fields; // extra length stays zero
}

/** Builds the bytes of a ZIP archive holding `entries` in the given order. */
export function createZip(entries: readonly ZipEntry[]): Buffer {
  const localParts: Buffer[] = [];
  const centralParts: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data);
    const shared = sharedFields(crc32(entry.data), compressed.length, entry.data.length, name.length);

    const localSignature = Buffer.alloc(4);
    localSignature.writeUInt32LE(0x04034b50, 0);
    localParts.push(localSignature, shared, name, compressed);

    const centralStart = Buffer.alloc(6);
    centralStart.writeUInt32LE(0x02014b50, 0);
    centralStart.writeUInt16LE(20, 4); // made by: version 2.0
    // Comment length, disk number and attributes stay zero; then where the local header starts.
    const centralEnd = Buffer.alloc(14);
    centralEnd.writeUInt32LE(offset, 10);
    centralParts.push(centralStart, shared, centralEnd, name);

    offset += localSignature.length + shared.length + name.length + compressed.length;
  }
  const centralDirectory = Buffer.concat(centralParts);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...localParts, centralDirectory, end]);
}
