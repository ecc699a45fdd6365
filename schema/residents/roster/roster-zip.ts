import { createInflateRaw } from 'node:zlib';
import { AppError } from '../../common/app-error';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** the most entries an .xlsx may have (a workbook has a few dozen) */
const MAX_ENTRIES = 10_000;

/**
 * Refuses an .xlsx (a zip) whose parts unpack to more than `maxBytes` together, before exceljs
 * reads it: a sheet's XML compresses so well that a file of a few MiB can unpack to GiB, which
 * exceljs's streaming reader would write to a temporary file (a worksheet stored before the
 * shared strings, as Excel and exceljs store it) or keep in memory (the shared strings). Each
 * entry of the zip's central directory is inflated as a stream and only counted, never kept,
 * and the count stops at the bound — the sizes the zip declares are not trusted.
 */
export async function checkUnzippedSize(bytes: Buffer, maxBytes: number): Promise<void> {
  const entries = centralDirectory(bytes);
  let total = 0;
  for (const entry of entries) {
    if (entry.method === 0) {
      total += entry.compressedSize;
    } else if (entry.method === 8) {
      total += await inflatedSize(
        bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize),
        maxBytes - total,
      );
    } else {
      throw unreadable(`a part is compressed with method ${entry.method}`);
    }
    if (total > maxBytes) {
      throw AppError.badInput(`The .xlsx file unpacks to more than ${maxBytes} bytes; a roster is far smaller`, {
        maxUnzippedBytes: maxBytes,
      });
    }
  }
}

interface Entry {
  method: number;
  compressedSize: number;
  dataStart: number;
}

function unreadable(why: string): AppError {
  return AppError.badInput(`The .xlsx file cannot be read: ${why}`);
}

/** The entries the zip's central directory lists, with where each one's data starts. */
function centralDirectory(bytes: Buffer): Entry[] {
  // the end-of-directory record is in the last 22 + 65,535 bytes (its comment is at most that long)
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw unreadable('it is not a zip file');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (count > MAX_ENTRIES) throw unreadable(`it has ${count} parts`);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY)
      throw unreadable('its directory is damaged');
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const local = bytes.readUInt32LE(at + 42);
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL_HEADER) throw unreadable('a part is missing');
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (dataStart + compressedSize > bytes.length) throw unreadable('a part is cut short');
    entries.push({ method, compressedSize, dataStart });
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** The size `data` inflates to, counted as it streams; stops once past `limit` (returning more than it). */
function inflatedSize(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        inflate.destroy();
        resolve(size);
      }
    });
    inflate.on('end', () => resolve(size));
    inflate.on('error', (error) => reject(unreadable(error.message)));
    inflate.end(data);
  });
}
