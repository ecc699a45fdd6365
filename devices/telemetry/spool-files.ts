import { closeSync, mkdirSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { acquireSpoolLock, type SpoolLock } from './spool-lock';
import { declaredPointsOf, SEGMENT_HEAD_BYTES } from './spool-segment';

export interface FoundSegment {
  seq: number;
  file: string;
  bytes: number;
  /** from the file header; 0 when the header is unreadable (the file is then all bad tail) */
  points: number;
}

const SEGMENT_NAME = /^(\d{12})\.seg$/;

/** The spool directory: its lock, and segment files named by a sequence number (replay order). */
export class SpoolFiles {
  readonly dir: string;
  private readonly lock: SpoolLock;

  private constructor(dir: string, lock: SpoolLock) {
    this.dir = dir;
    this.lock = lock;
  }

  /** Creates the directory, takes its lock (throws when a live process holds it), lists the segments found. */
  static open(dir: string, inUseHint: string): { files: SpoolFiles; found: FoundSegment[] } {
    mkdirSync(dir, { recursive: true });
    const lock = acquireSpoolLock(dir, inUseHint);
    try {
      const found = readdirSync(dir)
        .map((name) => SEGMENT_NAME.exec(name))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => Number(m[1]))
        .sort((a, b) => a - b)
        .map((seq) => {
          const file = path.join(dir, segmentName(seq));
          return { seq, file, bytes: statSync(file).size, points: declaredPointsOf(readHead(file)) ?? 0 };
        });
      return { files: new SpoolFiles(dir, lock), found };
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  pathOf(seq: number): string {
    return path.join(this.dir, segmentName(seq));
  }

  /** Writes a whole segment and syncs it; a new name only (a crash leaves a prefix, see spool-segment.ts). */
  async write(file: string, buffer: Buffer): Promise<void> {
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(buffer);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  read(file: string): Promise<Buffer> {
    return readFile(file);
  }

  async remove(file: string): Promise<void> {
    await unlink(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  release(): void {
    this.lock.release();
  }
}

function segmentName(seq: number): string {
  return `${String(seq).padStart(12, '0')}.seg`;
}

function readHead(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SEGMENT_HEAD_BYTES);
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
