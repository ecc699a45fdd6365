/**
 * Load process: a DeviceFleet (device-fleet.ts) driven by the bench. It generates the ingest
 * floods and the background telemetry, raises leaks for the desk query, and keeps its devices
 * online with a heartbeat until the bench closes it.
 */
import { DeviceFleet, type BenchDevice, type FloodOptions } from './device-fleet';
import { serve } from './ipc';

let fleet: DeviceFleet | null = null;

function connected(): DeviceFleet {
  if (!fleet) throw new Error('connect first');
  return fleet;
}

const handlers = {
  async connect(args: { url: string; devices: BenchDevice[]; heartbeatMs: number }) {
    fleet = await DeviceFleet.connect(args.url, args.devices);
    if (args.heartbeatMs > 0) fleet.startHeartbeat(args.heartbeatMs);
    return { devices: fleet.size };
  },
  flood: (args: FloodOptions) => connected().flood(args),
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
    await fleet?.close();
    fleet = null;
  },
};

export type FleetApi = typeof handlers;

serve(handlers);
