/**
 * A suite that needs a binary the test run does not start itself (mosquitto, influxd, …). CI
 * installs every one of them (.ci/run system-packages), so there a missing binary is a failing
 * test, never a skip that passes in silence; elsewhere the suite is skipped, and says why.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

export interface RequiredBinary {
  /** what is missing, e.g. "mosquitto (/usr/sbin/mosquitto)" */
  name: string;
  present: boolean;
  /** how to install it */
  install: string;
}

export const inCi = (): boolean => process.env.CI === 'true';

export function binaryAt(file: string, name: string, install: string): RequiredBinary {
  return { name: `${name} (${file})`, present: existsSync(file), install };
}

export function binaryOnPath(command: string, install: string): RequiredBinary {
  const present = (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  return { name: `${command} (on PATH)`, present, install };
}

/**
 * `describe` when the binary is there. Missing in CI: a suite whose one test fails with what to
 * install. Missing elsewhere: `describe.skip`, with a warning and the reason in the title.
 */
export function describeWith(binary: RequiredBinary): (title: string, body: () => void) => void {
  if (binary.present) return describe;
  const why = `${binary.name} is not installed (${binary.install})`;
  if (inCi()) {
    return (title, _body) =>
      describe(title, () => {
        it(`needs ${binary.name}`, () => {
          throw new Error(`${why}: CI installs it, so its absence fails the suite instead of skipping it`);
        });
      });
  }
  return (title, body) => {
    console.warn(`${title}: SKIPPED, ${why}`);
    describe.skip(`${title} — SKIPPED: ${why}`, body);
  };
}
