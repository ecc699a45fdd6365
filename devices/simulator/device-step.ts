import type { SystemName } from '../contract/types';
import { type FaultScenario, scenarioDurationS } from './fault-scenarios';
import { initialModelState, type ModelState, nextValues, type Random, type Values } from './reading-models';

/**
 * One simulated device over time, without I/O: the reading model plus the fault scenario that
 * may be running. The publisher (simulated-device.ts) calls `stepDevice` every interval; the unit
 * tests call it with a fake clock and feed the result to the real FaultDetector.
 */
export interface DeviceSim {
  system: SystemName;
  intervalS: number;
  ratedCurrentA: number | null;
  model: ModelState;
  active: { scenario: FaultScenario; startedMs: number; endsMs: number } | null;
}

export interface Step {
  /** null while a silent scenario runs (no telemetry is published) */
  values: Values | null;
  sim: DeviceSim;
  /** the scenario that ended at this step, if any */
  ended: FaultScenario | null;
}

export function newDeviceSim(
  device: { system: SystemName; intervalS: number; ratedCurrentA: number | null },
  random: Random,
): DeviceSim {
  return { ...device, model: initialModelState(random), active: null };
}

export function startScenario(sim: DeviceSim, scenario: FaultScenario, atMs: number): DeviceSim {
  const endsMs = atMs + scenarioDurationS(scenario, sim.intervalS) * 1000;
  return { ...sim, active: { scenario, startedMs: atMs, endsMs } };
}

export function stepDevice(sim: DeviceSim, atMs: number, random: Random): Step {
  let active = sim.active;
  let ended: FaultScenario | null = null;
  if (active && atMs >= active.endsMs) {
    ended = active.scenario;
    active = null;
  }
  // The model advances even while silent, so values resume where the physics would be.
  const next = nextValues(sim.model, { system: sim.system, atMs, ratedCurrentA: sim.ratedCurrentA }, random);
  const state: DeviceSim = { ...sim, model: next.state, active };
  if (!active) return { values: next.values, sim: state, ended };
  if (active.scenario.silent) return { values: null, sim: state, ended };
  const apply = active.scenario.apply;
  const values = apply ? apply(next.values, { ratedCurrentA: sim.ratedCurrentA, random }) : next.values;
  return { values, sim: state, ended };
}
