/**
 * Device passwords (devices/CONTRACT.md: "the device id (also its MQTT username and client id)"; "A
 * device that is not provisioned is refused by the broker").
 *
 * Stored as mosquitto 2.0's PBKDF2-SHA512 hash, exactly as `mosquitto_passwd` writes it:
 *
 *   $7$<iterations>$<base64 12-byte salt>$<base64 64-byte PBKDF2-HMAC-SHA512>
 *
 * (standard base64 with padding; the salt is used as raw bytes), so one stored hash serves
 * both the embedded broker (verifyDevicePassword) and mosquitto's password_file.
 */
import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/** mosquitto's `$7$` is PBKDF2 with HMAC-SHA512, 64 bytes of output, 12 bytes of salt. */
const HASH_BYTES = 64;
const SALT_BYTES = 12;
const DIGEST = 'sha512';

/**
 * mosquitto_passwd defaults to 101 iterations: too cheap if the hashes ever leak. We use
 * 10,000. The price is paid on every device CONNECT, and it adds up in a reconnect storm
 * (every device reconnecting after a broker restart), spread over libuv's threadpool. The passwords themselves are 192 random
 * bits (generateDevicePassword), so the hash only has to resist a leak, not a weak secret;
 * more iterations would buy little and slow every reconnect.
 */
export const DEFAULT_HASH_ITERATIONS = 10_000;

/** Refuse absurd iteration counts from a malformed or hostile stored hash (CPU exhaustion). */
const MAX_ITERATIONS = 10_000_000;

const B64 = '[A-Za-z0-9+/]+={0,2}';
const HASH_RE = new RegExp(`^\\$7\\$([1-9][0-9]{0,7})\\$(${B64})\\$(${B64})$`);

export interface ParsedHash {
  iterations: number;
  salt: Buffer;
  hash: Buffer;
}

/** Parses a `$7$` hash; null when it is not one mosquitto would accept from us. */
export function parseMosquittoHash(stored: string): ParsedHash | null {
  if (typeof stored !== 'string') return null;
  const m = HASH_RE.exec(stored);
  if (m === null) return null;
  const iterations = Number(m[1]);
  const salt = Buffer.from(m[2], 'base64');
  const hash = Buffer.from(m[3], 'base64');
  if (iterations > MAX_ITERATIONS || salt.length === 0 || hash.length !== HASH_BYTES) return null;
  return { iterations, salt, hash };
}

/** 192 random bits, base64url (32 characters): safe in URLs, shells and MQTT clients. */
export function generateDevicePassword(): string {
  return randomBytes(24).toString('base64url');
}

export async function hashDevicePassword(password: string, iterations = DEFAULT_HASH_ITERATIONS): Promise<string> {
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new RangeError(`iterations must be an integer in 1..${MAX_ITERATIONS}`);
  }
  const salt = randomBytes(SALT_BYTES);
  const hash = await pbkdf2Async(password, salt, iterations, HASH_BYTES, DIGEST);
  return `$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * True when `password` matches the stored hash. Never throws: a malformed hash is false.
 * Async (libuv threadpool), so a connect storm does not block the event loop, and the
 * comparison is constant-time.
 */
export async function verifyDevicePassword(password: string, hash: string): Promise<boolean> {
  try {
    const parsed = parseMosquittoHash(hash);
    if (parsed === null || typeof password !== 'string') return false;
    const actual = await pbkdf2Async(password, parsed.salt, parsed.iterations, HASH_BYTES, DIGEST);
    return timingSafeEqual(actual, parsed.hash);
  } catch {
    return false;
  }
}
