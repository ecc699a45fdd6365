import { randomUUID } from 'node:crypto';
import {
  IDS_PER_NOTIFICATION,
  decodeNotification,
  encodeNotifications,
} from '../../schema/monitoring/outbox/outbox-notification';
import { RecentIds } from '../../schema/monitoring/outbox/recent-ids';

/** Pure: payload encoding and the recently-handed-out set, with a fake clock. No I/O. */
describe('outbox notifications', () => {
  it('chunks ids so every payload stays under PostgreSQL’s 8000 bytes, and decodes them back in order', () => {
    const ids = Array.from({ length: IDS_PER_NOTIFICATION * 2 + 7 }, () => randomUUID());
    const sender = `facilitydesk:${randomUUID()}:listen`;
    const payloads = encodeNotifications(sender, ids);
    expect(payloads).toHaveLength(3);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    const decoded = payloads.map(decodeNotification);
    expect(decoded.every((d) => d?.sender === sender)).toBe(true);
    expect(decoded.flatMap((d) => d!.ids)).toEqual(ids);
  });

  it('ignores payloads that are not outbox ids (anyone may NOTIFY on the channel)', () => {
    expect(decodeNotification('hello')).toBeNull();
    expect(decodeNotification('x|not-a-uuid')).toBeNull();
    expect(decodeNotification(`|${randomUUID()}`)).toEqual({ sender: '', ids: [expect.any(String)] });
  });
});

describe('RecentIds', () => {
  it('remembers an id until its time is up, and never more than its size', () => {
    let now = 0;
    const recent = new RecentIds(1000, 3, () => now);
    recent.add('a');
    now += 500;
    recent.add('b');
    expect(recent.has('a')).toBe(true);
    now += 500;
    expect(recent.has('a')).toBe(false);
    expect(recent.has('b')).toBe(true);
    for (const id of ['c', 'd', 'e']) recent.add(id);
    expect(recent.size).toBe(3);
    expect(recent.has('b')).toBe(false);
    expect(recent.has('e')).toBe(true);
  });
});
