// Real: the pure renderers of devices/broker/mosquitto-files.ts. Faked: nothing. writeMosquittoAuth
// (files + SIGHUP) is exercised against a real mosquitto in test/integration/mosquitto-auth.test.ts.
import { renderAclFile, renderPasswordFile } from '../../devices/broker/mosquitto-files';
import type { DeviceAddress } from '../../devices/contract/types';

const HASH =
  '$7$101$uBbZQLgFw87tCJMp$PhIggrQSvAypXG2rpsTylh2LG3j7FwFZpMqXvbHvVHXPV5xNkJ1DdGbbfzKSkR1mz3GTnrgg6qJNR7bgaGe9Bg==';
const dev: DeviceAddress = { site: 'SH01', building: 'B1', system: 'water', device: 'pump-1' };

describe('renderPasswordFile', () => {
  it('writes username:hash lines', () => {
    expect(
      renderPasswordFile([
        { username: 'pump-1', passwordHash: HASH },
        { username: 'ingest', passwordHash: HASH },
      ]),
    ).toBe(`pump-1:${HASH}\ningest:${HASH}\n`);
    expect(renderPasswordFile([])).toBe('');
  });

  it.each([
    ['a colon in the username', 'a:b', HASH],
    ['a newline in the username', 'a\nadmin', HASH],
    ['an empty username', '', HASH],
    ['a plain-text password', 'pump-1', 'secret'],
    ['a hash with a newline', 'pump-1', `${HASH}\nroot:${HASH}`],
  ])('refuses %s', (_n, username, passwordHash) => {
    expect(() => renderPasswordFile([{ username, passwordHash }])).toThrow(RangeError);
  });

  it('refuses duplicate usernames', () => {
    expect(() =>
      renderPasswordFile([
        { username: 'a', passwordHash: HASH },
        { username: 'a', passwordHash: HASH },
      ]),
    ).toThrow(/duplicate/);
  });
});

describe('renderAclFile', () => {
  it('grants services read on fd/v1/# and each device write on its three topics only', () => {
    const acl = renderAclFile([dev], ['ingest']);
    const rules = acl.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(rules).toEqual([
      'user ingest',
      'topic read fd/v1/#',
      'user pump-1',
      'topic write fd/v1/SH01/B1/water/pump-1/telemetry',
      'topic write fd/v1/SH01/B1/water/pump-1/event',
      'topic write fd/v1/SH01/B1/water/pump-1/status',
    ]);
    expect(acl).not.toContain('+');
  });

  it('refuses ids that would widen a grant, and name clashes', () => {
    expect(() => renderAclFile([{ ...dev, device: '#' }], [])).toThrow(RangeError);
    expect(() => renderAclFile([{ ...dev, site: 'x\ntopic readwrite #' }], [])).toThrow(RangeError);
    expect(() => renderAclFile([], ['svc\nuser x'])).toThrow(RangeError);
    expect(() => renderAclFile([dev], ['pump-1'])).toThrow(/duplicate/);
    expect(() => renderAclFile([dev, { ...dev, site: 'SH02' }], [])).toThrow(/duplicate/);
  });
});
