// Real: the config rendering and path layout. Nothing is faked; no I/O (the file is written by startLocalInfluxd).
import path from 'node:path';
import { influxdPaths, renderInfluxdConfig } from '../../gateway/embedded/influxd-config';

/** Just enough TOML for this file: `[section]` headers and `key = value` lines. */
function parse(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = { '': {} };
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const header = /^\[([\w-]+)\]$/.exec(line);
    if (header) {
      section = header[1];
      out[section] = {};
      continue;
    }
    const kv = /^([\w-]+) = (.+)$/.exec(line);
    if (!kv) throw new Error(`unexpected line: ${raw}`);
    out[section][kv[1]] = kv[2].startsWith('"') ? JSON.parse(kv[2]) : kv[2];
  }
  return out;
}

describe('influxdPaths', () => {
  test('everything lives in DATA_DIR/influxdb, as absolute paths', () => {
    const p = influxdPaths('.data');
    const dir = path.resolve('.data', 'influxdb');
    expect(p).toEqual({
      dir,
      configFile: path.join(dir, 'influxdb.conf'),
      logFile: path.join(dir, 'influxd.log'),
      pidFile: path.join(dir, 'influxd.pid'),
      metaDir: path.join(dir, 'meta'),
      dataDir: path.join(dir, 'data'),
      walDir: path.join(dir, 'wal'),
    });
  });
});

describe('renderInfluxdConfig', () => {
  const paths = influxdPaths('/srv/fd');

  test('binds HTTP and RPC on 127.0.0.1 only, keeps data under the data dir, stays quiet', () => {
    const conf = parse(renderInfluxdConfig({ paths, httpPort: 18086, rpcPort: 18087 }));
    expect(conf['']).toEqual({ 'reporting-disabled': 'true', 'bind-address': '127.0.0.1:18087' });
    expect(conf.meta).toEqual({ dir: '/srv/fd/influxdb/meta' });
    expect(conf.data).toEqual({
      dir: '/srv/fd/influxdb/data',
      'wal-dir': '/srv/fd/influxdb/wal',
      'query-log-enabled': 'false',
    });
    expect(conf.http).toEqual({ 'bind-address': '127.0.0.1:18086', 'log-enabled': 'false' });
    expect(conf.monitor).toEqual({ 'store-enabled': 'false' });
    expect(conf.logging).toEqual({ level: 'warn', 'suppress-logo': 'true' });
  });

  test('the log level can be raised for debugging', () => {
    expect(parse(renderInfluxdConfig({ paths, httpPort: 8086, rpcPort: 8087, logLevel: 'debug' })).logging.level).toBe(
      'debug',
    );
  });

  test('paths with quotes and backslashes stay valid TOML strings', () => {
    const odd = influxdPaths('/tmp/a "b"\\c');
    const text = renderInfluxdConfig({ paths: odd, httpPort: 8086, rpcPort: 8087 });
    expect(text).toContain(String.raw`dir = "/tmp/a \"b\"\\c/influxdb/meta"`);
    expect(parse(text).meta.dir).toBe('/tmp/a "b"\\c/influxdb/meta');
  });

  test.each([
    [0, 8087],
    [8086, 70000],
    [8086.5, 8087],
    [8086, 8086],
  ])('refuses httpPort %p with rpcPort %p', (httpPort, rpcPort) => {
    expect(() => renderInfluxdConfig({ paths, httpPort, rpcPort })).toThrow(/Port/i);
  });
});
