import { crc32 } from 'node:zlib';

/**
 * The file format of one disk-spool segment: a header that names how many points the segment
 * holds, then records, one per write batch, each checked by its own CRC-32:
 *
 *   FDSPOOL1 <points>\n
 *   R <points> <bytes> <crc32 hex>\n<bytes of line protocol, lines joined by \n>\n
 *   R …
 *
 * A process killed while writing leaves a prefix of this: every record before the cut is intact
 * and is replayed; the cut record and anything after it is the "bad tail", counted as lost
 * (header points − intact points) instead of stopping the start.
 */

const FILE_MAGIC = 'FDSPOOL1';
/** header lines are short: a longer one without a newline is not a header */
const MAX_HEADER_BYTES = 64;
const NEWLINE = 0x0a;

export function encodeSegment(records: string[][]): Buffer {
  const total = records.reduce((n, lines) => n + lines.length, 0);
  const parts: Buffer[] = [Buffer.from(`${FILE_MAGIC} ${total}\n`)];
  for (const lines of records) {
    const body = Buffer.from(lines.join('\n'));
    parts.push(Buffer.from(`R ${lines.length} ${body.length} ${crc32(body).toString(16)}\n`), body, Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

export interface DecodedSegment {
  /** intact records, in file order */
  records: string[][];
  /** points the file header announced; null when the header itself is unreadable */
  declaredPoints: number | null;
  /** bytes from the first bad record to the end; 0 for an intact file */
  badTailBytes: number;
  /** points announced but not intact (or, without a header, lines seen in the bad tail) */
  lostPoints: number;
}

export function decodeSegment(buffer: Buffer): DecodedSegment {
  const records: string[][] = [];
  const header = readHeaderLine(buffer, 0);
  const magic = header && /^FDSPOOL1 (\d+)$/.exec(header.text);
  if (!header || !magic) {
    return { records, declaredPoints: null, badTailBytes: buffer.length, lostPoints: countLines(buffer, 0) };
  }
  const declaredPoints = Number(magic[1]);
  let offset = header.next;
  let intact = 0;
  while (offset < buffer.length) {
    const record = readRecord(buffer, offset);
    if (!record) break;
    records.push(record.lines);
    intact += record.lines.length;
    offset = record.next;
  }
  const badTailBytes = buffer.length - offset;
  const lostPoints = Math.max(0, declaredPoints - intact);
  return { records, declaredPoints, badTailBytes, lostPoints };
}

/** The points a segment file announces, from its first bytes only; null when unreadable. */
export function declaredPointsOf(head: Buffer): number | null {
  const header = readHeaderLine(head, 0);
  const magic = header && /^FDSPOOL1 (\d+)$/.exec(header.text);
  return magic ? Number(magic[1]) : null;
}

export const SEGMENT_HEAD_BYTES = MAX_HEADER_BYTES;

function readRecord(buffer: Buffer, offset: number): { lines: string[]; next: number } | null {
  const header = readHeaderLine(buffer, offset);
  const match = header && /^R (\d+) (\d+) ([0-9a-f]{1,8})$/.exec(header.text);
  if (!header || !match) return null;
  const points = Number(match[1]);
  const bytes = Number(match[2]);
  const end = header.next + bytes;
  if (end + 1 > buffer.length || buffer[end] !== NEWLINE) return null;
  const body = buffer.subarray(header.next, end);
  if (crc32(body) !== parseInt(match[3], 16)) return null;
  const lines = body.length === 0 ? [] : body.toString('utf8').split('\n');
  if (lines.length !== points) return null;
  return { lines, next: end + 1 };
}

function readHeaderLine(buffer: Buffer, offset: number): { text: string; next: number } | null {
  const limit = Math.min(buffer.length, offset + MAX_HEADER_BYTES);
  const end = buffer.indexOf(NEWLINE, offset);
  if (end === -1 || end >= limit) return null;
  return { text: buffer.toString('latin1', offset, end), next: end + 1 };
}

function countLines(buffer: Buffer, offset: number): number {
  let n = 0;
  let at = buffer.indexOf(NEWLINE, offset);
  while (at !== -1) {
    n += 1;
    at = buffer.indexOf(NEWLINE, at + 1);
  }
  return n;
}
