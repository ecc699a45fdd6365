import type { Log } from '../log';
import { FAULT_SCENARIOS, pickScenario } from './fault-scenarios';
import type { Random } from './reading-models';
import { SimulatedDevice, type SimulatedDeviceConfig } from './simulated-device';

export type { SimulatedDeviceConfig } from './simulated-device';

export interface SimulatorOptions {
  /** the broker as devices reach it, e.g. `mqtt://127.0.0.1:1883` */
  url: string;
  /** each connects with ITS OWN credentials (username = client id = deviceId) */
  devices: SimulatedDeviceConfig[];
  /** one fault scenario on one random device this often; 0 turns faults off */
  faultEveryS?: number;
  /** the first fault, so a fresh demo shows one within a minute */
  firstFaultAfterS?: number;
  /** how long start waits for the devices' first connection (they keep retrying after it) */
  connectWaitMs?: number;
  log: Log;
  random?: Random;
  now?: () => number;
}

export interface Simulator {
  /** Plays a fault now (a given code and/or device, else random); null when no device can play it. */
  playFault(faultCode?: string, deviceId?: string): { deviceId: string; faultCode: string; durationS: number } | null;
  /** Publishes retained `offline` for every device and disconnects. */
  stop(): Promise<void>;
}

/**
 * The demo building: every device of `devices` publishing plausible telemetry over MQTT, and now
 * and then a fault that passes its rule's on-delay and recovers (fault-scenarios.ts).
 */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const { log } = options;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const faultEveryS = options.faultEveryS ?? 300;
  const devices = options.devices.map((config) => new SimulatedDevice(config, { url: options.url, log, random, now }));

  const connected = await Promise.all(devices.map((d) => d.start(options.connectWaitMs ?? 10_000)));
  const up = connected.filter(Boolean).length;
  if (up === devices.length) log.info('building simulator started', { devices: devices.length });
  else
    log.warn('building simulator started; some devices are not connected yet', {
      devices: devices.length,
      connected: up,
    });

  const playFault: Simulator['playFault'] = (faultCode, deviceId) => {
    const candidates = devices.filter(
      (d) => d.connected && !d.busy && (deviceId === undefined || d.config.deviceId === deviceId),
    );
    // A random order, then the first device that can play the fault asked for.
    for (const device of shuffle(candidates, random)) {
      const { system } = device.config.address;
      const scenario = faultCode
        ? FAULT_SCENARIOS.find(
            (s) =>
              s.faultCode === faultCode &&
              (s.system === null || s.system === system) &&
              (!s.needsRatedCurrent || (device.config.ratedCurrentA ?? 0) > 0),
          )
        : pickScenario(system, device.config.ratedCurrentA, random);
      if (!scenario) continue;
      const durationS = device.play(scenario);
      log.info('simulated fault', { deviceId: device.config.deviceId, faultCode: scenario.faultCode, durationS });
      return { deviceId: device.config.deviceId, faultCode: scenario.faultCode, durationS };
    }
    return null;
  };

  const timers: NodeJS.Timeout[] = [];
  if (faultEveryS > 0) {
    const first = setTimeout(
      () => {
        playFault();
        const every = setInterval(() => playFault(), faultEveryS * 1000);
        every.unref();
        timers.push(every);
      },
      (options.firstFaultAfterS ?? 60) * 1000,
    );
    first.unref();
    timers.push(first);
  }

  return {
    playFault,
    async stop() {
      for (const t of timers) clearTimeout(t); // Node: clearTimeout also cancels a setInterval
      await Promise.all(devices.map((d) => d.stop()));
      log.info('building simulator stopped', { devices: devices.length });
    },
  };
}

function shuffle<T>(items: T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
