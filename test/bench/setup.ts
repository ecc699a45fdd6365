/**
 * One platform under test and what the scenarios share on it: the supervisor's token, the
 * ingest generators (reused as fault-to-desk's background load), and every load process
 * whose devices must stay online until the platform stops.
 */
import type { FleetApi } from './load/fleet';
import { LoadProcess } from './children';
import { login, provisionDevices } from './graphql';
import type { BenchOptions, SetupName } from './options';
import { DEMO_PASSWORD, type Postgres, type RunningPlatform } from './services';

/** idle devices send a reading this often; the platform raises DEVICE_OFFLINE after 3 × 10 s of silence */
export const HEARTBEAT_MS = 5000;

export interface ProfileWindow {
  setup: SetupName;
  label: string;
  fromUs: number;
  toUs: number;
}

export class PlatformSetup {
  readonly token: Promise<string>;
  /** about when the platform became ready (its devices' silence windows start then) */
  readonly startedAtMs = Date.now();
  private readonly loads: Array<{ stop(): Promise<void> }> = [];
  private ingest: Promise<Array<LoadProcess<FleetApi>>> | null = null;

  constructor(
    readonly name: SetupName,
    readonly platform: RunningPlatform,
    readonly pg: Postgres | null,
    readonly options: BenchOptions,
    readonly profileWindows: ProfileWindow[],
    readonly log: (line: string) => void,
  ) {
    this.token = login(platform.graphqlUrl, 'supervisor', DEMO_PASSWORD);
  }

  /** Devices through the public API, `b<setup initial>-<what>-<n>`: the prefix selects them in InfluxDB. */
  async devices(what: string, count: number) {
    return provisionDevices(this.platform.graphqlUrl, await this.token, `b${this.name[0]}-${what}`, count);
  }

  /** A fleet process connected with `count` new devices, heartbeating until the platform stops. */
  async fleet(what: string, count: number): Promise<LoadProcess<FleetApi>> {
    const [devices, load] = await Promise.all([this.devices(what, count), LoadProcess.start<FleetApi>('fleet')]);
    this.keep(load);
    await load.call('connect', { url: this.platform.mqttUrl, devices, heartbeatMs: HEARTBEAT_MS }, 60_000);
    return load;
  }

  /** The ingest generators: `processes` × `devicesPerProcess` devices, made once per platform. */
  ingestFleets(): Promise<Array<LoadProcess<FleetApi>>> {
    const { processes, devicesPerProcess } = this.options.ingest;
    this.ingest ??= Promise.all(Array.from({ length: processes }, (_, i) => this.fleet(`g${i}`, devicesPerProcess)));
    return this.ingest;
  }

  /** a load process to stop (before the platform) when this setup ends */
  keep(load: { stop(): Promise<void> }): void {
    this.loads.push(load);
  }

  /** when the platform is about to stop: its load processes first */
  async stopLoads(): Promise<void> {
    await Promise.all(this.loads.map((load) => load.stop()));
    this.loads.length = 0;
  }
}
