// Real: devices/broker/device-acl.ts (pure) and the embedded broker's policy built on it
// (gateway/broker-policy.ts). Faked: the device registry (a Map). No I/O.
import { brokerPolicy } from '../../gateway/broker-policy';
import type { DeviceRegistry } from '../../schema/facilities/devices/device-registry';
import {
  canDevicePublish,
  canServiceSubscribe,
  deviceTopics,
  SERVICE_READ_PATTERN,
} from '../../devices/broker/device-acl';
import { INGEST_SUBSCRIPTION } from '../../devices/contract/topic';
import type { DeviceAddress } from '../../devices/contract/types';

const dev: DeviceAddress = { site: 'SH01', building: 'B1', system: 'water', device: 'pump-1' };
const own = 'fd/v1/SH01/B1/water/pump-1';

describe('canDevicePublish', () => {
  it.each(['telemetry', 'event', 'status'])('allows its own %s topic', (kind) => {
    expect(canDevicePublish(dev, `${own}/${kind}`)).toBe(true);
  });

  it.each([
    ['another device', 'fd/v1/SH01/B1/water/pump-2/telemetry'],
    ['a device whose id extends its own', 'fd/v1/SH01/B1/water/pump-10/telemetry'],
    ['another building', 'fd/v1/SH01/B2/water/pump-1/telemetry'],
    ['another site', 'fd/v1/SH02/B1/water/pump-1/telemetry'],
    ['another system', 'fd/v1/SH01/B1/heating/pump-1/telemetry'],
    ['an unknown kind', `${own}/command`],
    ['an extra level', `${own}/telemetry/x`],
    ['a wildcard', `${own}/#`],
    ['the bare prefix', `${own}/`],
    ['$SYS', '$SYS/broker/clients'],
  ])('refuses %s', (_n, topic) => {
    expect(canDevicePublish(dev, topic)).toBe(false);
  });

  it('refuses everything for an address that breaks the id rules', () => {
    const sneaky = { ...dev, device: 'pump-1/telemetry/..' };
    expect(canDevicePublish(sneaky, 'fd/v1/SH01/B1/water/pump-1/telemetry/../telemetry')).toBe(false);
  });
});

describe('subscriptions and service users', () => {
  it('lets devices subscribe to nothing and services publish nothing (the embedded broker policy)', () => {
    const registry = new Map([[dev.device, { ...dev, passwordHash: '' }]]);
    const policy = brokerPolicy(registry as unknown as DeviceRegistry, new Map([['ingest', 'secret']]));
    const device = { kind: 'device', deviceId: dev.device } as const;
    const service = { kind: 'service', username: 'ingest' } as const;
    // each principal can do its own part: the refusals are about the direction
    expect(policy.canPublish(device, `${own}/telemetry`)).toBe(true);
    expect(policy.canSubscribe(service, INGEST_SUBSCRIPTION)).toBe(true);
    expect(policy.canSubscribe(device, `${own}/telemetry`)).toBe(false);
    expect(policy.canSubscribe(device, INGEST_SUBSCRIPTION)).toBe(false);
    expect(policy.canPublish(service, `${own}/telemetry`)).toBe(false);
  });

  it('lets services read the contract tree, shared or not, and nothing else', () => {
    expect(SERVICE_READ_PATTERN).toBe('fd/v1/#');
    expect(canServiceSubscribe(INGEST_SUBSCRIPTION)).toBe(true);
    expect(canServiceSubscribe(`$share/ingest/${INGEST_SUBSCRIPTION}`)).toBe(true);
    expect(canServiceSubscribe('fd/v1/#')).toBe(true);
    for (const f of ['#', '+/v1/#', '$SYS/#', 'fd/#', 'fd/v1', '$share/ingest/#'])
      expect(canServiceSubscribe(f)).toBe(false);
  });
});

it('deviceTopics lists the three topics and throws on a bad address', () => {
  expect(deviceTopics(dev)).toEqual([`${own}/telemetry`, `${own}/event`, `${own}/status`]);
  expect(() => deviceTopics({ ...dev, device: '+' })).toThrow(RangeError);
});
