/**
 * mosquitto's password_file and acl_file, rendered from the device registry, so an
 * external mosquitto enforces the same policy as the embedded broker (device-acl.ts):
 * "A device that is not provisioned is refused by the broker" (devices/CONTRACT.md).
 *
 * Every name is checked against the contract's id rule before it reaches a file: a
 * username with `:` or a newline, or a topic with `#`, would grant more than intended.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isValidId } from '../contract/topic';
import type { DeviceAddress } from '../contract/types';
import { parseMosquittoHash } from './credentials';
import { deviceTopics, SERVICE_READ_PATTERN } from './device-acl';

export const PASSWORD_FILE_NAME = 'passwd';
export const ACL_FILE_NAME = 'acl';

function assertUnique(names: string[], what: string): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new RangeError(`duplicate ${what}: ${n}`);
    seen.add(n);
  }
}

/** `username:hash` lines (mosquitto_passwd's format; no comments, to stay portable). */
export function renderPasswordFile(users: Array<{ username: string; passwordHash: string }>): string {
  for (const u of users) {
    if (!isValidId(u.username))
      throw new RangeError('invalid username (devices/CONTRACT.md: ids are [A-Za-z0-9_-]{1,64})');
    if (parseMosquittoHash(u.passwordHash) === null) throw new RangeError(`not a $7$ hash for ${u.username}`);
  }
  assertUnique(
    users.map((u) => u.username),
    'username',
  );
  return users.map((u) => `${u.username}:${u.passwordHash}\n`).join('');
}

/**
 * One `user` block per account. Devices get `topic write` on their three topics listed
 * one by one: `fd/v1/…/{device}/+` would also grant any future kind. Without a read
 * line a device receives nothing (devices subscribe to nothing). Service users read
 * `fd/v1/#` and write nothing.
 */
export function renderAclFile(devices: DeviceAddress[], serviceUsers: string[]): string {
  for (const s of serviceUsers) {
    if (!isValidId(s))
      throw new RangeError('invalid service username (devices/CONTRACT.md: ids are [A-Za-z0-9_-]{1,64})');
  }
  // The username is the device id (devices/CONTRACT.md), so a service user must not share one.
  assertUnique([...serviceUsers, ...devices.map((d) => d.device)], 'MQTT username');
  const lines = ['# FacilityDesk: generated from the device registry; edits are overwritten.', ''];
  for (const s of serviceUsers) lines.push(`user ${s}`, `topic read ${SERVICE_READ_PATTERN}`, '');
  for (const d of devices) {
    lines.push(`user ${d.device}`);
    for (const topic of deviceTopics(d)) lines.push(`topic write ${topic}`); // throws on an invalid address
    lines.push('');
  }
  return lines.join('\n');
}

export interface WriteAuthOptions {
  /**
   * File mode, default 0o600 (the files hold password hashes). mosquitto 2.0 started as
   * root drops to user `mosquitto` *before* it reads password_file and acl_file, so unless
   * it runs as the writer (or `user root` is set in its config) give it read access:
   * mode 0o640 with `gid` = mosquitto's group.
   */
  mode?: number;
  /** group to own the files (the writer must be root or a member of that group) */
  gid?: number;
}

/** Writes via a temporary file + rename in the same directory: mosquitto never reads half a file. */
async function writeAtomically(dir: string, name: string, content: string, mode: number, gid?: number): Promise<void> {
  const target = join(dir, name);
  const tmp = join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'wx', mode);
    try {
      await fh.writeFile(content, 'utf8');
      await fh.chmod(mode); // open()'s mode is filtered by the umask
      if (gid !== undefined) await fh.chown(-1, gid);
      // Durable before it replaces the old file (the files are regenerated at boot anyway).
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/**
 * Writes `acl` and `passwd` into `dir` (in that order), then sends SIGHUP to the mosquitto whose pid is in
 * `pidFile` (mosquitto reloads password_file and acl_file on SIGHUP, keeping clients).
 * Throws when the pid file is unreadable or the process is gone: the caller must know that
 * a newly provisioned device cannot connect yet.
 */
export async function writeMosquittoAuth(
  dir: string,
  files: { passwd: string; acl: string },
  pidFile: string | null,
  options: WriteAuthOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o600;
  // The ACL first: a SIGHUP from the previous change may be handled between the two renames, and
  // a reload that reads a new device's password must also read its topics — else it connects
  // and mosquitto drops its publishes silently (a QoS 1 PUBACK still comes back). An ACL entry
  // without a password grants nothing; a removed device loses its topics before its password.
  await writeAtomically(dir, ACL_FILE_NAME, files.acl, mode, options.gid);
  await writeAtomically(dir, PASSWORD_FILE_NAME, files.passwd, mode, options.gid);
  if (pidFile === null) return;
  const text = (await readFile(pidFile, 'utf8')).trim();
  // Never signal 0 or -1 (our process group / every process we may signal), nor garbage.
  if (!/^[0-9]{1,10}$/.test(text) || Number(text) <= 1) throw new Error(`no usable pid in ${pidFile}`);
  process.kill(Number(text), 'SIGHUP');
}
