// Real: devices/contract/topic.ts (pure). Faked: nothing.
import { INGEST_SUBSCRIPTION, isValidId, parseTopic, TOPIC_ROOT, topicFor } from '../../devices/contract/topic';
import type { DeviceAddress } from '../../devices/contract/types';

const addr: DeviceAddress = { site: 'SH-01', building: 'B_2', system: 'heating', device: 'hx-0042' };

describe('parseTopic', () => {
  it('parses every level of fd/v1/{site}/{building}/{system}/{device}/{kind}', () => {
    expect(parseTopic('fd/v1/SH-01/B_2/heating/hx-0042/telemetry')).toEqual({
      ok: true,
      value: { ...addr, kind: 'telemetry' },
    });
    for (const kind of ['event', 'status'] as const) {
      const r = parseTopic(`fd/v1/SH-01/B_2/heating/hx-0042/${kind}`);
      expect(r.ok && r.value.kind).toBe(kind);
    }
  });

  // devices/CONTRACT.md: anything else (`+`, `#`, `/`, spaces, commas, `=`, quotes, newlines) is rejected.
  const badIds: Array<[string, string]> = [
    ['plus', 'a+b'],
    ['hash', 'a#b'],
    ['slash', 'a/b'],
    ['space', 'a b'],
    ['comma', 'a,b'],
    ['equals', 'a=b'],
    ['double quote', 'a"b'],
    ['newline', 'a\nb'],
    ['trailing newline', 'ab\n'],
    ['tab', 'a\tb'],
    ['dot', 'a.b'],
    ['non-ASCII', '一号楼'],
    ['empty', ''],
    ['65 characters', 'x'.repeat(65)],
  ];
  for (const level of ['site', 'building', 'device'] as const) {
    it.each(badIds)(`rejects a ${level} with %s`, (_name, id) => {
      const topic = topicString({ ...addr, [level]: id });
      expect(parseTopic(topic)).toMatchObject({ ok: false, reason: 'bad_topic' });
    });
  }

  it('accepts an id of exactly 64 characters', () => {
    expect(parseTopic(topicString({ ...addr, device: 'x'.repeat(64) })).ok).toBe(true);
    expect(isValidId('x'.repeat(64))).toBe(true);
  });

  it.each([
    ['unknown system', 'fd/v1/s/b/gas/d/telemetry'],
    ['unknown kind', 'fd/v1/s/b/water/d/command'],
    ['wildcard kind', 'fd/v1/s/b/water/d/+'],
    ['other version', 'fd/v2/s/b/water/d/telemetry'],
    ['other root', 'xx/v1/s/b/water/d/telemetry'],
    ['too few levels', 'fd/v1/s/b/water/telemetry'],
    ['extra level', 'fd/v1/s/b/water/d/telemetry/x'],
    ['trailing slash', 'fd/v1/s/b/water/d/telemetry/'],
    ['leading slash', '/fd/v1/s/b/water/d/telemetry'],
    ['upper-case system', 'fd/v1/s/b/Water/d/telemetry'],
    ['empty topic', ''],
  ])('rejects %s', (_name, topic) => {
    const r = parseTopic(topic);
    expect(r).toMatchObject({ ok: false, reason: 'bad_topic' });
  });

  it('never echoes the topic in the detail (it may hold anything)', () => {
    const r = parseTopic('fd/v1/s/b/water/SECRET stuff/telemetry');
    expect(r.ok).toBe(false);
    // it does say what is wrong, just not with the topic's text
    expect(!r.ok && r.detail).toMatch(/\w/);
    expect(!r.ok && r.detail).not.toContain('SECRET');
  });
});

describe('topicFor', () => {
  it('round-trips with parseTopic', () => {
    const t = topicFor(addr, 'status');
    expect(t).toBe('fd/v1/SH-01/B_2/heating/hx-0042/status');
    expect(parseTopic(t)).toEqual({ ok: true, value: { ...addr, kind: 'status' } });
  });

  it('throws on an address that would break out of its topic', () => {
    expect(() => topicFor({ ...addr, device: '#' }, 'telemetry')).toThrow(RangeError);
    expect(() => topicFor({ ...addr, site: 'a/b' }, 'telemetry')).toThrow(RangeError);
  });
});

it('exports the root and the ingest subscription matching 7 levels', () => {
  expect(TOPIC_ROOT).toBe('fd/v1');
  expect(INGEST_SUBSCRIPTION.split('/')).toHaveLength(7);
  expect(INGEST_SUBSCRIPTION.startsWith(`${TOPIC_ROOT}/`)).toBe(true);
});

function topicString(a: DeviceAddress): string {
  return `fd/v1/${a.site}/${a.building}/${a.system}/${a.device}/telemetry`;
}
