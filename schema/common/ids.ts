import { randomUUID } from 'node:crypto';

/** Primary keys are random UUIDs: made in the process, so a new row needs no round trip. */
export const newId = (): string => randomUUID();
