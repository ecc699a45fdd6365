/**
 * The desk overview's one cache (gateway/graphql/overview-cache.ts): whole `ActiveAlerts`
 * answers, reused until the next published event. Real: PostgreSQL, the platform's HTTP
 * GraphQL, AlertService and outbox relay; nothing faked. A change written straight into the
 * database (no event) shows the answer really comes from the cache; a published event must
 * empty it at once.
 */
import { buildDevice } from '../factories/device.factory';
import { ActiveAlertsDocument } from '../support/generated/graphql';
import { gql } from '../support/graphql-client';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('the desk overview cache', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('serves repeats from the cache, and a published alert event empties it', async () => {
    const device = await buildDevice(platform.graphqlUrl, await platform.login('supervisor'), { system: 'WATER' });
    const token = await platform.login('operator');
    const overview = async () => (await gql(platform.graphqlUrl, ActiveAlertsDocument, {}, token)).alerts;
    const raise = (faultCode: string, at: number) =>
      platform.services.alerts.apply([
        {
          type: 'raise',
          faultCode,
          severity: 'critical',
          equipmentId: device.equipmentId,
          deviceId: device.deviceId,
          at,
          message: faultCode,
        },
      ]);

    await raise('WATER_LEAK', Date.now() - 5000);
    await platform.settle();
    const first = await overview();
    const leak = first.nodes.find((a) => a.faultCode === 'WATER_LEAK' && a.equipment.id === device.equipmentId);
    expect(leak?.occurrences).toBe(1);

    // a change that publishes no event: the cached answer is still served (within its 10 s bound)
    await platform.orm.em.fork().getConnection().execute('update alert set occurrences = 99 where id = ?', [leak!.id]);
    const cached = await overview();
    expect(cached).toEqual(first);

    // a published event empties the cache: the next answer is read anew and has both changes
    await raise('WATER_PRESSURE_LOW', Date.now() - 1000);
    await platform.settle();
    const fresh = await overview();
    expect(fresh.nodes.find((a) => a.id === leak!.id)?.occurrences).toBe(99);
    expect(fresh.nodes.some((a) => a.faultCode === 'WATER_PRESSURE_LOW' && a.equipment.id === device.equipmentId)).toBe(
      true,
    );
    expect(fresh.totalCount).toBe(first.totalCount + 1);
  });
});
