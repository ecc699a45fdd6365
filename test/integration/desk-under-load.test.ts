/**
 * No one caller can stall the platform (issue 7): with the 25,000-alias query refused and a legal
 * but heavy query running back to back on both of one signed-in caller's turns
 * (API_CONCURRENCY_PER_CALLER), a water leak still reaches the desk within 2 s (behind
 * the alias query it took many seconds). Real: the whole platform on
 * the shared services (PGlite's single connection, or PostgreSQL 15 with the alert path's own
 * pool), a real MQTT device, real HTTP load from another process (test/support/query-load.ts)
 * and a real graphql-ws desk. Faked: the alerts the
 * heavy query reads are raised through the real AlertService directly (no sensor) to fill the
 * tables quickly.
 */
import type { MqttClient } from 'mqtt';
import { buildDevice, type ProvisionedTestDevice } from '../factories/device.factory';
import { connectDevice } from '../support/device-client';
import { AlertRaisedDocument, type AlertRaisedSubscription } from '../support/generated/graphql';
import { collect, postGraphql, wsClient, type Collector } from '../support/graphql-client';
import { startQueryLoad, type QueryLoadCounts } from '../support/query-load';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/** Cost about 3,300 of 5,000: six root fields, 800 rows with their relations. */
const HEAVY = `query Heavy {
  a: alerts(first: 500) { totalCount nodes { id message equipment { id code building { id name } } workOrder { id emergencyPlan { faultCode } } } }
  w: workOrders(first: 300) { totalCount nodes { id number equipment { id } } }
  buildings { id site { id } }
  equipmentList { id code }
  emergencyPlans { faultCode steps { text } }
  me { id }
}`;

describe('the desk under a heavy API load', () => {
  let platform: TestPlatform;
  let desk: ReturnType<typeof wsClient>;
  let raised: Collector<AlertRaisedSubscription>;
  const sensors: MqttClient[] = [];
  let devices: ProvisionedTestDevice[];

  beforeAll(async () => {
    platform = await startTestPlatform();
    const supervisor = await platform.login('supervisor');
    // something for the heavy query to read: 30 alerts, each with its work order
    const filler = [];
    for (let i = 0; i < 10; i++) filler.push(await buildDevice(platform.graphqlUrl, supervisor, { system: 'WATER' }));
    await platform.services.alerts.apply(
      filler.flatMap((d) =>
        ['WATER_PRESSURE_LOW', 'PUMP_FAULT', 'WATER_PRESSURE_HIGH'].map((faultCode) => ({
          type: 'raise' as const,
          faultCode,
          severity: 'major' as const,
          equipmentId: d.equipmentId,
          deviceId: d.deviceId,
          at: Date.now(),
          message: 'filler',
        })),
      ),
    );
    devices = [];
    for (let i = 0; i < 3; i++) devices.push(await buildDevice(platform.graphqlUrl, supervisor, { system: 'WATER' }));
    for (const d of devices) sensors.push(await connectDevice(platform.mqttUrl, d.deviceId, d.password));
    await platform.settle();
    desk = wsClient(platform.graphqlUrl, await platform.login('operator'));
    raised = collect(desk, AlertRaisedDocument);
  });

  afterAll(async () => {
    for (const sensor of sensors) await sensor.endAsync();
    await desk?.dispose();
    await platform?.stop();
  });

  it('a leak reaches the desk in < 1 s while the alias bomb is refused and a heavy query runs back to back', async () => {
    const attacker = await platform.login('supervisor');
    const bomb = `query { ${Array.from({ length: 25_000 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const refused = await postGraphql(platform.graphqlUrl, bomb, {}, attacker);
    expect(refused.status).toBe(413);

    // the heavy query is legal and answers
    const one = await postGraphql<{ a: { totalCount: number } }, object>(platform.graphqlUrl, HEAVY, {}, attacker);
    expect(one.errors).toBeUndefined();
    expect(one.data?.a.totalCount).toBeGreaterThanOrEqual(30);

    // from another process, as many loops as the caller may run at once (gateway/config.ts)
    const load = await startQueryLoad({
      url: platform.graphqlUrl,
      tokens: [attacker],
      loops: platform.config.apiConcurrencyPerCaller,
      query: HEAVY,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const latencies: number[] = [];
    let outcomes: QueryLoadCounts = { ok: 0, tooMany: 0, other: 0, otherSample: null };
    try {
      for (const [i, d] of devices.entries()) {
        const sensor = sensors[i];
        const sent = Date.now();
        await sensor.publishAsync(d.eventTopic, JSON.stringify({ code: 'LEAK_DETECTED', message: 'basement' }), {
          qos: 1,
        });
        const events = await raised.next(i + 1, 10_000);
        latencies.push(Date.now() - sent);
        expect(events[i].alertRaised).toMatchObject({ faultCode: 'LEAK_DETECTED', equipment: { id: d.equipmentId } });
      }
    } finally {
      outcomes = await load.stop();
    }
    process.stdout.write(
      `leak → desk under heavy load: ${latencies.join(', ')} ms; heavy queries answered ${outcomes.ok}, ` +
        `refused ${outcomes.tooMany}, failed ${outcomes.other}\n`,
    );
    // the load really ran meanwhile
    expect(outcomes.ok).toBeGreaterThan(latencies.length);
    expect(outcomes.otherSample).toBeNull();
    // a bound that proves the stall is gone (behind the alias query a leak took many seconds), not a
    // latency target: on PostgreSQL 15 under this load the figure ran 0.6–1.06 s in CI on 2 shared
    // cores (0.4–0.6 s on a quiet machine); the bench's "fault to desk" row is the latency figure
    expect(Math.max(...latencies)).toBeLessThan(2000);
  });
});
