import type { InfluxDB } from 'influx';
import type { Log } from '../devices/log';
import { connectInflux } from '../devices/telemetry/influx-connection';
import type { Config } from './config';
import { startLocalInfluxd } from './embedded/influxd';

/** InfluxDB 1.x: `INFLUX_URL`, or a local influxd child with its data in DATA_DIR. */
export async function provideInflux(
  config: Config,
  log: Log,
): Promise<{ influx: InfluxDB; url: string; stop(): Promise<void> }> {
  const local = config.influxUrl
    ? null
    : await startLocalInfluxd({
        dataDir: config.dataDir,
        httpPort: config.influxPort,
        database: 'facilitydesk',
        log: (message) => log.info(message),
      });
  const url = config.influxUrl ?? local!.url;
  try {
    const influx = await connectInflux(url);
    return { influx, url, stop: async () => local?.stop() };
  } catch (error) {
    await local?.stop();
    throw error;
  }
}
