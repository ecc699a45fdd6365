/**
 * The committed artefacts match the code. Real: PostgreSQL (the shared test database). Faked: nothing.
 * schema/schema.graphql must be what type-graphql emits; the migrations must produce
 * exactly the entities' schema (no migration is missing).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { schemaSdl } from '../../gateway/schema-sdl';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('committed schema and migrations', () => {
  it('schema/schema.graphql is up to date (run `npm run schema:emit`)', async () => {
    const committed = readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8');
    expect(committed).toBe(await schemaSdl());
  });

  describe('with a migrated database', () => {
    let platform: TestPlatform;
    beforeAll(async () => {
      platform = await startTestPlatform();
    });
    afterAll(() => platform?.stop());

    it('needs no new migration (run `npm run migration:create`)', async () => {
      expect(await platform.orm.migrator.checkMigrationNeeded()).toBe(false);
    });

    it('seeds the default rules and plans of the contract and one account per role', async () => {
      const conn = platform.orm.em.fork().getConnection();
      const rules = await conn.execute<Array<{ fault_code: string }>>('select fault_code from fault_rule order by 1');
      const plans = await conn.execute<Array<{ fault_code: string }>>(
        'select fault_code from emergency_plan order by 1',
      );
      const contractCodes = [
        'HEATING_PRESSURE_LOW',
        'HEATING_SUPPLY_TEMP_HIGH',
        'HEATING_SUPPLY_TEMP_LOW',
        'OVERCURRENT',
        'POWER_PHASE_LOSS',
        'TANK_LEVEL_LOW',
        'VOLTAGE_OUT_OF_RANGE',
        'WATER_LEAK',
        'WATER_PRESSURE_HIGH',
        'WATER_PRESSURE_LOW',
      ];
      // devices/CONTRACT.md "Topics", `event`: the device event codes are event rules with plans too
      const eventCodes = ['BOILER_FAULT', 'BREAKER_TRIP', 'LEAK_DETECTED', 'PUMP_FAULT'];
      expect(rules.map((r) => r.fault_code)).toEqual([...contractCodes, ...eventCodes].sort());
      expect(plans.map((p) => p.fault_code)).toEqual(['DEVICE_OFFLINE', ...contractCodes, ...eventCodes].sort());
      const roles = await conn.execute<Array<{ role: string }>>('select role from staff order by role');
      expect(roles.map((r) => r.role).sort()).toEqual(
        [
          'AFFAIRS_OFFICER',
          'HOTLINE_MANAGER',
          'HOTLINE_OPERATOR',
          'MANAGER',
          'RELATIONS_OFFICER',
          'SUPERVISOR',
          'TECHNICIAN',
        ].sort(),
      );
    });
  });
});
