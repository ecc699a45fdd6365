import path from 'node:path';

/** Where the local influxd keeps everything: all under `<DATA_DIR>/influxdb` (runtime contract, `DATA_DIR`). */
export interface InfluxdPaths {
  dir: string;
  configFile: string;
  logFile: string;
  pidFile: string;
  metaDir: string;
  dataDir: string;
  walDir: string;
}

export function influxdPaths(dataDir: string): InfluxdPaths {
  const dir = path.join(path.resolve(dataDir), 'influxdb');
  return {
    dir,
    configFile: path.join(dir, 'influxdb.conf'),
    logFile: path.join(dir, 'influxd.log'),
    pidFile: path.join(dir, 'influxd.pid'),
    metaDir: path.join(dir, 'meta'),
    dataDir: path.join(dir, 'data'),
    walDir: path.join(dir, 'wal'),
  };
}

export interface InfluxdConfigOptions {
  paths: Pick<InfluxdPaths, 'metaDir' | 'dataDir' | 'walDir'>;
  /** HTTP API port (`INFLUX_PORT`), bound on 127.0.0.1 only */
  httpPort: number;
  /** RPC port used by backup/restore, bound on 127.0.0.1 only; influxd's default 8088 would clash between instances */
  rpcPort: number;
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
}

/**
 * influxdb.conf for InfluxDB 1.x (verified with Debian's 1.6.7): nothing listens beyond
 * 127.0.0.1, no phoning home, no `_internal` monitor database, no HTTP access log (one line per
 * write batch would flood the log). Pure: the caller writes the file.
 */
export function renderInfluxdConfig(options: InfluxdConfigOptions): string {
  const { paths, httpPort, rpcPort, logLevel = 'warn' } = options;
  for (const [name, port] of [
    ['httpPort', httpPort],
    ['rpcPort', rpcPort],
  ] as const) {
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`influxd ${name} must be 1-65535, got ${port}`);
  }
  if (httpPort === rpcPort) throw new Error(`influxd httpPort and rpcPort must differ (both ${httpPort})`);
  return [
    'reporting-disabled = true',
    `bind-address = ${toml(`127.0.0.1:${rpcPort}`)}`,
    '',
    '[meta]',
    `  dir = ${toml(paths.metaDir)}`,
    '',
    '[data]',
    `  dir = ${toml(paths.dataDir)}`,
    `  wal-dir = ${toml(paths.walDir)}`,
    '  query-log-enabled = false',
    '',
    '[http]',
    `  bind-address = ${toml(`127.0.0.1:${httpPort}`)}`,
    '  log-enabled = false',
    '',
    '[monitor]',
    '  store-enabled = false',
    '',
    '[logging]',
    `  level = ${toml(logLevel)}`,
    '  suppress-logo = true',
    '',
  ].join('\n');
}

/** A TOML basic string; JSON's escapes (\" \\ \n \uXXXX) are all valid TOML escapes. */
function toml(value: string): string {
  return JSON.stringify(value);
}
