/**
 * Instances of the outbox path on one real PostgreSQL, in this process: each has its own
 * MikroORM pool under its own application_name, its own OutboxRelay (publishing into a list
 * instead of a PubSub) and its own OutboxListener — the production classes, wired as
 * gateway/platform.ts wires them, without HTTP, MQTT or InfluxDB.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { SILENT_LOG } from '../../devices/log';
import type { FaultEvent } from '../../devices/faults/fault-types';
import { loadConfig } from '../../gateway/config';
import { provideDatabase } from '../../gateway/database';
import { OutboxListener, type OutboxListenerOptions } from '../../gateway/events/outbox-listener';
import { ormOptions } from '../../gateway/orm';
import { WorkOrderService } from '../../schema/desk/work-orders/work-order.service';
import { AuditLog } from '../../schema/audit/audit-log.service';
import { AlertService } from '../../schema/monitoring/alerts/alert.service';
import type { OutboxTopic } from '../../schema/monitoring/outbox/outbox-event.entity';
import { instanceConnectionName } from '../../schema/monitoring/outbox/outbox-notification';
import { OutboxRelay, type OutboxRelayOptions } from '../../schema/monitoring/outbox/outbox.relay';
import { scratchPostgres, type ScratchPostgres } from './postgres';

export interface OutboxInstance {
  name: string;
  orm: MikroORM;
  relay: OutboxRelay;
  listener: OutboxListener | null;
  alerts: AlertService;
  /** what this instance handed to its subscribers, in order */
  published: Array<{ topic: OutboxTopic; subjectId: string }>;
  errors: unknown[];
  stop(): Promise<void>;
}

/** Migrates and seeds `url` as a starting platform does (gateway/database.ts, under its advisory lock). */
export async function prepareDatabase(url: string): Promise<{ stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-outbox-db-'));
  const config = loadConfig({
    DATABASE_URL: url,
    DATABASE_POOL_MAX: '4',
    DATA_DIR: dataDir,
    SIMULATOR: 'off',
    DEMO: 'on', // the demo estate's devices raise the tests' faults
    DEMO_HISTORY: 'off', // no demo work orders for the tests to count
  });
  const database = await provideDatabase(config, SILENT_LOG);
  return {
    async stop() {
      await database.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startOutboxInstance(
  url: string,
  options: {
    /** false: a writer with no relay of its own — it dies between commit and publish */
    publishes?: boolean;
    listens?: boolean;
    relay?: Partial<OutboxRelayOptions>;
    listener?: Partial<OutboxListenerOptions>;
  } = {},
): Promise<OutboxInstance> {
  const name = instanceConnectionName(randomUUID());
  const orm = await MikroORM.init(ormOptions(url, 4, name));
  const published: OutboxInstance['published'] = [];
  const errors: unknown[] = [];
  const relay = new OutboxRelay(
    orm,
    (topic, subject) => published.push({ topic, subjectId: subject.id }),
    (error) => errors.push(error),
    {
      sender: name,
      broadcast: true,
      sweepIntervalMs: 3_600_000, // the tests sweep by hand
      retentionIntervalMs: 3_600_000,
      ...options.relay,
    },
  );
  const listener =
    options.listens === false
      ? null
      : new OutboxListener(relay, SILENT_LOG, { url, connectionName: name, ...options.listener });
  await listener?.start();
  const writer =
    options.publishes === false ? ({ publishCommitted: async () => undefined } as unknown as OutboxRelay) : relay;
  const alerts = new AlertService(orm, new WorkOrderService(), writer, new AuditLog(orm));
  return {
    name,
    orm,
    relay,
    listener,
    alerts,
    published,
    errors,
    async stop() {
      await listener?.stop();
      await relay.stop();
      await orm.close(true);
    },
  };
}

/** A raise of WATER_LEAK on each of `count` seeded water devices, as the detector sends it. */
export async function leakEvents(orm: MikroORM, count: number): Promise<FaultEvent[]> {
  const devices = await orm.em
    .fork()
    .execute<Array<{ equipmentId: string; deviceId: string }>>(
      `select equipment_id as "equipmentId", device_id as "deviceId" from device where system = 'water' order by device_id limit ?`,
      [count],
    );
  if (devices.length < count) throw new Error(`the demo estate has ${devices.length} water devices, ${count} wanted`);
  return devices.map(({ equipmentId, deviceId }) => ({
    type: 'raise',
    faultCode: 'WATER_LEAK',
    severity: 'critical',
    equipmentId,
    deviceId,
    at: Date.now(),
    value: 1,
    metric: 'leak',
    message: 'leak 1 > 0.5',
  }));
}

/** How many times each (topic, subject) was handed out. */
export function tally(published: OutboxInstance['published']): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { topic, subjectId } of published) {
    const key = `${topic} ${subjectId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Jest hooks for tests of several instances on one PostgreSQL: a scratch PostgreSQL 15 for the
 * file and, for each test, a fresh database migrated and seeded as a starting platform does.
 * `track` what a test starts: it is stopped after the test, the last started first.
 */
export function sharedDatabasePerTest(): {
  url(): string;
  /** another fresh database on the same server, not prepared */
  createDatabase(): Promise<string>;
  track<T extends { stop(): Promise<void> }>(r: T): T;
} {
  let postgres: ScratchPostgres;
  let url: string;
  let running: Array<{ stop(): Promise<void> }> = [];
  beforeAll(async () => {
    postgres = await scratchPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
  });
  beforeEach(async () => {
    url = await postgres.createDatabase();
    running.push(await prepareDatabase(url));
  });
  afterEach(async () => {
    for (const r of running.reverse()) await r.stop();
    running = [];
  });
  return {
    url: () => url,
    createDatabase: () => postgres.createDatabase(),
    track(r) {
      running.push(r);
      return r;
    },
  };
}
