import { WorkOrderStatus as S } from '../../schema/desk/work-orders/work-order.enums';

/** Who made a move in the demo centre's history. */
export type DemoActor = 'operator' | 'technician' | 'supervisor' | 'hotline-manager' | 'platform';

export interface DemoMove {
  at: Date;
  from: S;
  to: S;
  by: DemoActor;
  note: string | null;
}

/** One move of a path: the status it goes to, who makes it, its note. */
export type DemoStep = [S, DemoActor, string | null];

/** The path through the lifecycle that ends in each state (the same moves the API allows). */
const PATHS: Record<S, DemoStep[]> = {
  [S.OPEN]: [],
  [S.DISPATCHED]: [[S.DISPATCHED, 'operator', null]],
  [S.IN_PROGRESS]: [
    [S.DISPATCHED, 'operator', null],
    [S.IN_PROGRESS, 'technician', '已到现场 On site'],
  ],
  [S.ON_HOLD]: [
    [S.DISPATCHED, 'operator', null],
    [S.IN_PROGRESS, 'technician', '已到现场 On site'],
    [S.ON_HOLD, 'technician', '等待配件 Waiting for parts'],
  ],
  [S.RESOLVED]: [
    [S.DISPATCHED, 'operator', null],
    [S.IN_PROGRESS, 'technician', null],
    [S.RESOLVED, 'technician', '已处理 Fixed'],
  ],
  [S.VERIFIED]: [
    [S.DISPATCHED, 'operator', null],
    [S.IN_PROGRESS, 'technician', null],
    [S.RESOLVED, 'technician', '已处理 Fixed'],
    [S.VERIFIED, 'hotline-manager', '业主确认 Resident confirmed'],
  ],
  [S.CLOSED]: [
    [S.DISPATCHED, 'operator', null],
    [S.IN_PROGRESS, 'technician', null],
    [S.ON_HOLD, 'technician', '业主不在家 Resident not at home'],
    [S.IN_PROGRESS, 'technician', null],
    [S.RESOLVED, 'technician', '已处理 Fixed'],
    [S.VERIFIED, 'hotline-manager', '回访满意 Callback: satisfied'],
    [S.CLOSED, 'supervisor', null],
  ],
  [S.CANCELLED]: [[S.CANCELLED, 'hotline-manager', '业主自行解决 Resident solved it']],
};

/** Where a work order of the demo is now and how it got there, with the timestamps the moves set. */
export interface DemoLife {
  moves: DemoMove[];
  respondedAt: Date | null;
  resolvedAt: Date | null;
  holdStartedAt: Date | null;
  finishedAt: Date | null;
  /** time spent ON_HOLD and back: the deadlines move forward by it */
  pausedMs: number;
}

/**
 * The moves of a work order opened at `openedAt` that is now in `state`: each a few minutes to
 * a few hours after the previous one, never later than `now`.
 */
export function demoLife(state: S, openedAt: Date, now: Date, random: () => number): DemoLife {
  const path = PATHS[state];
  const span = Math.max(0, now.getTime() - openedAt.getTime());
  const times: number[] = [];
  let at = openedAt.getTime();
  path.forEach((_, index) => {
    // spread the moves over the time there was, leaving the last share of it after them
    const step = (span / (path.length + 1)) * (0.5 + random() * 0.5);
    const previous = at;
    at = Math.min(at + Math.max(step, 60_000), now.getTime() - (path.length - index) * 1000);
    at = Math.max(at, previous + 1000);
    times.push(at);
  });
  return lifeOf(path, times);
}

/** The path of `PATHS` that ends in `state`. */
export function demoPath(state: S): readonly DemoStep[] {
  return PATHS[state];
}

/** Closed straight through: no hold on the way. */
export const DIRECT_CLOSED_PATH: readonly DemoStep[] = [
  [S.DISPATCHED, 'operator', null],
  [S.IN_PROGRESS, 'technician', null],
  [S.RESOLVED, 'technician', '已处理 Fixed'],
  [S.VERIFIED, 'hotline-manager', '回访满意 Callback: satisfied'],
  [S.CLOSED, 'supervisor', null],
];

/** A low callback score reopened it (the platform's `reopen`), fixed again, then closed. */
export const REOPENED_CLOSED_PATH: readonly DemoStep[] = [
  [S.DISPATCHED, 'operator', null],
  [S.IN_PROGRESS, 'technician', null],
  [S.RESOLVED, 'technician', '已处理 Fixed'],
  [S.IN_PROGRESS, 'platform', '回访不满意，重新处理 Callback: not satisfied, reopened'],
  [S.RESOLVED, 'technician', '已返修 Fixed again'],
  [S.VERIFIED, 'hotline-manager', '回访满意 Callback: satisfied'],
  [S.CLOSED, 'supervisor', null],
];

/**
 * The life of a work order that took `path`, its moves at `times` (epoch ms, increasing, one
 * per move): the timestamps each move sets, as the lifecycle service sets them.
 */
export function lifeOf(path: readonly DemoStep[], times: readonly number[]): DemoLife {
  const life: DemoLife = {
    moves: [],
    respondedAt: null,
    resolvedAt: null,
    holdStartedAt: null,
    finishedAt: null,
    pausedMs: 0,
  };
  let from = S.OPEN;
  path.forEach(([to, by, note], index) => {
    const when = new Date(times[index]);
    if (to === S.IN_PROGRESS && life.respondedAt === null) life.respondedAt = when;
    if (from === S.ON_HOLD && life.holdStartedAt) {
      life.pausedMs += when.getTime() - life.holdStartedAt.getTime();
      life.holdStartedAt = null;
    }
    if (to === S.ON_HOLD) life.holdStartedAt = when;
    if (to === S.RESOLVED) life.resolvedAt = when;
    if (to === S.CLOSED || to === S.CANCELLED) life.finishedAt = when;
    life.moves.push({ at: when, from, to, by, note });
    from = to;
  });
  return life;
}

/** The state a demo work order is in by its age: old ones are mostly closed, today's still moving. */
export function demoState(ageHours: number, random: () => number): S {
  const r = random();
  if (ageHours > 72) return r < 0.75 ? S.CLOSED : r < 0.85 ? S.VERIFIED : r < 0.95 ? S.CANCELLED : S.RESOLVED;
  if (ageHours > 24)
    return r < 0.3 ? S.CLOSED : r < 0.5 ? S.VERIFIED : r < 0.7 ? S.RESOLVED : r < 0.85 ? S.ON_HOLD : S.IN_PROGRESS;
  return r < 0.3 ? S.OPEN : r < 0.6 ? S.DISPATCHED : r < 0.85 ? S.IN_PROGRESS : S.ON_HOLD;
}

/** Every state, so the demo shows each at least once (the newest work orders take them in turn). */
export const EVERY_STATE: S[] = [
  S.OPEN,
  S.DISPATCHED,
  S.IN_PROGRESS,
  S.ON_HOLD,
  S.RESOLVED,
  S.VERIFIED,
  S.CLOSED,
  S.CANCELLED,
];
