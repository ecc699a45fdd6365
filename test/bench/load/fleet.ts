/**
 * Load process: DeviceFleets (device-fleet.ts) driven by the bench. It generates the ingest
 * floods and the background telemetry, raises leaks for the desk query, and keeps its devices
 * online with a heartbeat until the bench closes it. One process may hold a fleet per broker
 * (`as`): the ingest ceilings' generators flood both bare brokers from the same process.
 */
import { DeviceFleet, type BenchDevice, type FloodOptions } from './device-fleet';
import { serve } from './ipc';

const DEFAULT = 'default';
const fleets = new Map<string, DeviceFleet>();

function connected(as = DEFAULT): DeviceFleet {
  const fleet = fleets.get(as);
  if (!fleet) throw new Error(`connect ${as} first`);
  return fleet;
}

const handlers = {
  /** `as`: a name for this fleet when the process holds more than one (default: the only one) */
  async connect(args: { url: string; devices: BenchDevice[]; heartbeatMs: number; as?: string }) {
    const as = args.as ?? DEFAULT;
    if (fleets.has(as)) throw new Error(`fleet ${as} is already connected`);
    const fleet = await DeviceFleet.connect(args.url, args.devices);
    fleets.set(as, fleet);
    if (args.heartbeatMs > 0) fleet.startHeartbeat(args.heartbeatMs);
    return { devices: fleet.size };
  },
  flood: (args: FloodOptions & { as?: string }) => connected(args.as).flood(args),
  equipment(args: { index: number }) {
    return { equipmentId: connected().device(args.index).equipmentId };
  },
  /** one reading from device `index`; `leak` raises WATER_LEAK on its equipment */
  publish: (args: { index: number; kind: 'leak' | 'normal' }) => connected().publishOne(args.index, args.kind),
  /** the same from devices [from, from + count), all at once */
  async publishRange(args: { from: number; count: number; kind: 'leak' | 'normal' }) {
    const f = connected();
    const indexes = Array.from({ length: args.count }, (_, i) => args.from + i).filter((i) => i < f.size);
    await Promise.all(indexes.map((i) => f.publishOne(i, args.kind)));
    return { published: indexes.length };
  },
  /** ends a running flood early (it resolves as at the end of its duration) */
  stopFlood() {
    connected().stopFlood();
    return {};
  },
  async close() {
    await Promise.all([...fleets.values()].map((f) => f.close()));
    fleets.clear();
  },
};

export type FleetApi = typeof handlers;

serve(handlers);
