'use strict';
/**
 * The launcher behind `npm start` and `npm test` (runtime contract: "does all set-up it needs").
 *
 *   node gateway/bootstrap.cjs              → the platform (gateway/main.ts)
 *   node gateway/bootstrap.cjs --test [...] → jest --runInBand [...]
 *
 * Plain CommonJS and Node built-ins only: it runs before node_modules exists. It reads only
 * INFLUX_URL (is a local influxd needed?) and PATH; the app's configuration is gateway/config.ts.
 */
const { spawn, spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const NODE_MODULES = path.join(ROOT, 'node_modules');
// sha256 (hex) of package-lock.json at the last successful `npm ci`; .ci/run writes the same stamp.
const STAMP = path.join(NODE_MODULES, '.fd-install-stamp');
const SBIN = ['/usr/local/sbin', '/usr/sbin', '/sbin']; // Debian's mosquitto is /usr/sbin/mosquitto, off a user's PATH
const SYSTEM = [...SBIN, '/usr/local/bin', '/usr/bin', '/bin']; // what apt-get and dpkg's scripts need on PATH

function say(message) {
  console.log(`[bootstrap] ${message}`);
}

function fail(message) {
  console.error(`[bootstrap] ${message}`);
  process.exit(1);
}

function main() {
  const args = process.argv.slice(2);
  const testMode = args[0] === '--test';
  const extraArgs = testMode ? args.slice(1) : args;

  ensureDependencies();
  ensureInfluxd(testMode ? 'npm test' : 'npm start');
  if (testMode) ensureChromiumForTests();
  const env = testMode ? ensureMosquittoForTests() : process.env;

  const [command, commandArgs] = testMode
    ? [process.execPath, [path.join(NODE_MODULES, 'jest', 'bin', 'jest.js'), '--runInBand', ...extraArgs]]
    : stopsWithLauncher(process.execPath, ['-r', '@swc-node/register', 'gateway/main.ts', ...extraArgs]);
  run(command, commandArgs, env);
}

/** node_modules is missing, or was installed from another package-lock.json → `npm ci`. */
function ensureDependencies() {
  let lock;
  try {
    lock = fs.readFileSync(path.join(ROOT, 'package-lock.json'));
  } catch {
    fail('package-lock.json is missing: run `npm install` once to create it');
  }
  const wanted = createHash('sha256').update(lock).digest('hex');
  let stamped = null;
  try {
    stamped = fs.readFileSync(STAMP, 'utf8').trim();
  } catch {
    // no stamp: never installed by us (or an install was interrupted)
  }
  if (fs.existsSync(NODE_MODULES) && stamped === wanted) return;

  say(
    fs.existsSync(NODE_MODULES)
      ? 'package-lock.json changed since the last install: reinstalling dependencies (npm ci)…'
      : 'installing dependencies (npm ci)…',
  );
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32', // npm is npm.cmd there
  });
  if (result.error) fail(`could not run npm: ${result.error.message}`);
  if (result.status !== 0) fail(`npm ci failed (${result.signal || `exit ${result.status}`})`);
  fs.writeFileSync(STAMP, `${wanted}\n`);
}

/** INFLUX_URL unset → the app starts a local influxd (gateway/embedded/influxd.ts), which must be on PATH. */
function ensureInfluxd(command) {
  const influxUrl = (process.env.INFLUX_URL || '').trim(); // empty counts as unset, as in gateway/config.ts
  if (influxUrl || findExecutable('influxd')) return;
  const howTo =
    'InfluxDB 1.x is needed and `influxd` is not on PATH. Either install it ' +
    '(Debian/Ubuntu: `sudo apt-get install influxdb`) or use a running InfluxDB 1.x: ' +
    `INFLUX_URL=http://host:8086/dbname ${command}`;
  if (!canInstallWithApt()) fail(howTo);
  if (!aptInstall('influxdb')) fail(`installing influxdb failed. ${howTo}`);
  if (!findExecutable('influxd')) fail(`influxdb is installed, but influxd is still not on PATH. ${howTo}`);
}

/** Tests that need a real mosquitto skip when it is missing, so this never fails; returns the tests' env. */
function ensureMosquittoForTests() {
  let found = findExecutable('mosquitto', SBIN);
  if (!found && canInstallWithApt()) {
    aptInstall('mosquitto');
    found = findExecutable('mosquitto', SBIN);
  }
  if (!found) {
    say('mosquitto is not installed: tests that need a real mosquitto will skip (`sudo apt-get install mosquitto`)');
    return process.env;
  }
  // Let the tests find it by name when it lives in an sbin that is not on this user's PATH.
  const dirs = (process.env.PATH || '').split(path.delimiter);
  const dir = path.dirname(found);
  return dirs.includes(dir) ? process.env : { ...process.env, PATH: [...dirs, dir].join(path.delimiter) };
}

/** The desk's browser tests drive Debian's Chromium (never a downloaded browser); install it when we may. */
function ensureChromiumForTests() {
  if (findExecutable('chromium', SYSTEM)) return;
  if (canInstallWithApt() && aptInstall('chromium')) return;
  say('chromium is not installed: the desk browser tests will fail (`sudo apt-get install chromium`)');
}

function canInstallWithApt() {
  return typeof process.getuid === 'function' && process.getuid() === 0 && Boolean(findExecutable('apt-get', SYSTEM));
}

let aptUpdated = false;
function aptInstall(pkg) {
  say(`installing ${pkg} (apt-get install ${pkg})…`);
  const dirs = (process.env.PATH || '').split(path.delimiter).filter(Boolean);
  const options = {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      DEBIAN_FRONTEND: 'noninteractive',
      PATH: [...dirs, ...SYSTEM.filter((dir) => !dirs.includes(dir))].join(path.delimiter),
    },
  };
  const aptGet = findExecutable('apt-get', SYSTEM);
  if (!aptUpdated) {
    const update = spawnSync(aptGet, ['update'], options);
    if (update.status !== 0) say('apt-get update failed; trying the install anyway');
    aptUpdated = true;
  }
  const install = spawnSync(aptGet, ['install', '-y', pkg], options);
  if (install.status !== 0) say(`apt-get install ${pkg} failed (${install.error?.message || install.status})`);
  return install.status === 0;
}

/** The executable's path, or null. PATH first, then `extraDirs`. */
function findExecutable(name, extraDirs = []) {
  const dirs = [...(process.env.PATH || '').split(path.delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * The app gets SIGTERM when this launcher dies, even by SIGKILL (a supervisor that kills only the
 * process it started): it then stops as on Ctrl-C, its local influxd with it, instead of running on
 * unowned. util-linux `setpriv --pdeathsig` execs the app (same pid); without setpriv, as before.
 */
function stopsWithLauncher(command, args) {
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((file) => fs.existsSync(file));
  return setpriv ? [setpriv, ['--pdeathsig', 'TERM', '--', command, ...args]] : [command, args];
}

/** Runs the app or jest in the foreground; forwards SIGINT/SIGTERM (SIGHUP as SIGTERM); exits with its code. */
function run(command, args, env) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env });
  child.on('error', (err) => fail(`could not start ${command}: ${err.message}`));

  // npm 11 forwards no signal to us, and a terminal's Ctrl-C reaches the whole process group (npm, us, the
  // child) at once: so the child may get one Ctrl-C twice, and its shutdown must be idempotent (main.ts is).
  // Repeats within a second are passed on once.
  const lastForwarded = {};
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      const forward = signal === 'SIGHUP' ? 'SIGTERM' : signal;
      const now = Date.now();
      if (now - (lastForwarded[forward] || 0) < 1000) return;
      lastForwarded[forward] = now;
      if (child.exitCode === null && child.signalCode === null) child.kill(forward);
    });
  }
  child.on('exit', (code, signal) => {
    process.exit(signal ? 128 + (os.constants.signals[signal] || 0) : (code ?? 1));
  });
}

main();
