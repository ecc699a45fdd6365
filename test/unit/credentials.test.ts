// Real: devices/broker/credentials.ts (node:crypto, no I/O). Faked: nothing. The two
// vectors below were written by mosquitto 2.0.11's mosquitto_passwd (password "secret").
import {
  DEFAULT_HASH_ITERATIONS,
  generateDevicePassword,
  hashDevicePassword,
  parseMosquittoHash,
  verifyDevicePassword,
} from '../../devices/broker/credentials';

const MOSQUITTO_101 =
  '$7$101$uBbZQLgFw87tCJMp$PhIggrQSvAypXG2rpsTylh2LG3j7FwFZpMqXvbHvVHXPV5xNkJ1DdGbbfzKSkR1mz3GTnrgg6qJNR7bgaGe9Bg==';
const MOSQUITTO_10000 =
  '$7$10000$BsCR5oKC1nAGcpi2$PMP6UnCA++l0jc+xu2tyWFiUTJ6M1O9ziRYAcmbzPYbeBDMQF85HWOiYn1k9NX8Amqqv8Sr8+sT0Qr7PpEvYmg==';

describe('device credentials', () => {
  it('hashes in mosquitto 2.0 $7$ format with 10,000 iterations by default', async () => {
    const h = await hashDevicePassword('pw');
    expect(h).toMatch(/^\$7\$10000\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$/);
    expect(DEFAULT_HASH_ITERATIONS).toBe(10_000);
    const parsed = parseMosquittoHash(h);
    expect(parsed?.salt).toHaveLength(12);
    expect(parsed?.hash).toHaveLength(64);
  });

  it('verifies what it hashed, and refuses a wrong password', async () => {
    const pw = generateDevicePassword();
    const h = await hashDevicePassword(pw, 1000);
    expect(h.startsWith('$7$1000$')).toBe(true);
    await expect(verifyDevicePassword(pw, h)).resolves.toBe(true);
    await expect(verifyDevicePassword(`${pw}x`, h)).resolves.toBe(false);
    await expect(verifyDevicePassword('', h)).resolves.toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashDevicePassword('same', 100), hashDevicePassword('same', 100)]);
    expect(a).not.toBe(b);
  });

  it('verifies hashes written by mosquitto_passwd (one hash serves both brokers)', async () => {
    await expect(verifyDevicePassword('secret', MOSQUITTO_101)).resolves.toBe(true);
    await expect(verifyDevicePassword('secret', MOSQUITTO_10000)).resolves.toBe(true);
    await expect(verifyDevicePassword('Secret', MOSQUITTO_10000)).resolves.toBe(false);
  });

  it.each([
    ['empty', ''],
    ['plain text', 'secret'],
    [
      'the $6$ format',
      '$6$uBbZQLgFw87tCJMp$PhIggrQSvAypXG2rpsTylh2LG3j7FwFZpMqXvbHvVHXPV5xNkJ1DdGbbfzKSkR1mz3GTnrgg6qJNR7bgaGe9Bg==',
    ],
    ['zero iterations', MOSQUITTO_101.replace('$101$', '$0$')],
    ['absurd iterations', MOSQUITTO_101.replace('$101$', '$99999999$')],
    ['a truncated hash', MOSQUITTO_101.slice(0, -10)],
    ['a hash with a bad character', MOSQUITTO_101.replace('PhIgg', 'Ph!gg')],
    ['no salt', '$7$101$$PhIggrQSvAypXG2rpsTylh2LG3j7FwFZpMqXvbHvVHXPV5xNkJ1DdGbbfzKSkR1mz3GTnrgg6qJNR7bgaGe9Bg=='],
    ['a trailing newline', `${MOSQUITTO_101}\n`],
  ])('returns false (never throws) for a malformed hash: %s', async (_n, hash) => {
    await expect(verifyDevicePassword('secret', hash)).resolves.toBe(false);
  });

  it('generates URL-safe passwords of at least 128 bits', () => {
    const pws = new Set(Array.from({ length: 50 }, () => generateDevicePassword()));
    expect(pws.size).toBe(50);
    for (const pw of pws) {
      expect(pw).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(pw, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
  });

  it('rejects a silly iteration count when hashing', async () => {
    await expect(hashDevicePassword('pw', 0)).rejects.toThrow(RangeError);
    await expect(hashDevicePassword('pw', 1.5)).rejects.toThrow(RangeError);
  });
});
