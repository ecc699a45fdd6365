/**
 * Emergency plans edited through the API: a supervisor makes the leak plan interrupt supply
 * (with a notice template and an evidence metric), the next leak alert opens an incident on
 * the units the equipment serves with a draft from that template, and once set back the next
 * leak opens none; what was opened keeps what it was opened with. Stale versions, other roles
 * and bad inputs change nothing. Real: the platform over HTTP, PostgreSQL, InfluxDB and the
 * broker it starts with. Faked: the leak fault events are handed to the alert service as the
 * detector hands them (platform.services.alerts.apply), and the units are written through the
 * ORM (test/factories/residents.factory.ts).
 */
import type { FaultEvent } from '../../devices/faults/fault-types';
import { buildDevice } from '../factories/device.factory';
import { buildUnit } from '../factories/residents.factory';
import { codeOf, run } from '../support/core-operations';
import { postGraphql } from '../support/graphql-client';
import { SET_EQUIPMENT_SERVES } from '../support/incident-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

const PLANS = `query EmergencyPlans {
  emergencyPlans {
    id version faultCode title titleZh department responseMinutes interruptsSupply
    evidenceMetric evidenceStableMinutes
    steps { position text textZh }
    announcementTemplate { title titleZh body bodyZh }
  }
}`;

const UPDATE_PLAN = `mutation UpdateEmergencyPlan($input: UpdateEmergencyPlanInput!) {
  updateEmergencyPlan(input: $input) {
    id version faultCode title interruptsSupply evidenceMetric evidenceStableMinutes
    steps { position text textZh }
    announcementTemplate { title titleZh body bodyZh }
  }
}`;

const INCIDENTS_OF_ALERT = `query($first: Int) {
  incidents(filter: { active: true }, first: $first) {
    nodes { id title textForResidents alerts { id } affectedUnits(first: 10) { totalCount nodes { id } } workOrder { id } }
  }
}`;

const DRAFTS_OF = `query($incidentId: ID!) {
  announcements(filter: { incidentId: $incidentId }) { nodes { title body status } }
}`;

interface Plan {
  id: string;
  version: number;
  faultCode: string;
  title: string;
  interruptsSupply: boolean;
  evidenceMetric: string | null;
  evidenceStableMinutes: number | null;
  steps: Array<{ position: number; text: string; textZh: string | null }>;
  announcementTemplate: { title: string; titleZh: string; body: string; bodyZh: string } | null;
}

interface IncidentNode {
  id: string;
  title: string;
  textForResidents: string | null;
  alerts: Array<{ id: string }>;
  affectedUnits: { totalCount: number; nodes: Array<{ id: string }> };
  workOrder: { id: string } | null;
}

const TEMPLATE = {
  title: 'Water shut off after a leak',
  titleZh: '漏水停水通知',
  body: 'A leak forced us to shut the water off; engineers are repairing it.',
  bodyZh: '因漏水已关闭供水阀门，工程人员正在抢修。',
};

describe('emergency plans edited through the API', () => {
  let platform: TestPlatform;
  const tokens: Record<string, string> = {};

  const sql = <T>(query: string, params: unknown[] = []) =>
    platform.orm.em.fork().getConnection().execute<T[]>(query, params);
  const ok = <T>(token: string, query: string, variables: object = {}) =>
    run<T>(platform.graphqlUrl, query, variables, token);
  const plan = async (faultCode: string) =>
    (await ok<{ emergencyPlans: Plan[] }>(tokens.supervisor, PLANS)).emergencyPlans.find(
      (p) => p.faultCode === faultCode,
    )!;
  const update = (input: object, token = tokens.supervisor) =>
    postGraphql<{ updateEmergencyPlan: Plan }, object>(platform.graphqlUrl, UPDATE_PLAN, { input }, token);
  const updateOk = async (input: object) => {
    const result = await update(input);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data!.updateEmergencyPlan;
  };
  const auditRows = async (planId: string) =>
    (
      await sql<{ n: number }>(
        `select count(*)::int as n from audit_entry where action = 'emergencyPlan.update' and entity_id = ?`,
        [planId],
      )
    )[0].n;
  /** the stored row, as the alert path reads it */
  const row = async (planId: string) =>
    (await sql<Record<string, unknown>>('select * from emergency_plan where id = ?', [planId]))[0];

  /** water equipment with a device, serving `unitCodes` (new units of its building) */
  const servedEquipment = async (unitCodes: string[]) => {
    const device = await buildDevice(platform.graphqlUrl, tokens.supervisor, { system: 'WATER' });
    const [{ building_id: buildingId }] = await sql<{ building_id: string }>(
      'select building_id from equipment where id = ?',
      [device.equipmentId],
    );
    const units: string[] = [];
    for (const code of unitCodes) units.push((await buildUnit(platform.orm, buildingId, code)).id);
    await ok(tokens.supervisor, SET_EQUIPMENT_SERVES, { equipmentId: device.equipmentId, unitIds: units });
    return { ...device, units };
  };
  const leak = (equipment: { equipmentId: string; deviceId: string }): FaultEvent => ({
    type: 'raise',
    faultCode: 'WATER_LEAK',
    severity: 'critical',
    equipmentId: equipment.equipmentId,
    deviceId: equipment.deviceId,
    at: Date.now() - 1000,
    metric: 'leak',
    value: 1,
    message: 'leak 1 > 0.5',
  });
  const alertOf = async (equipmentId: string) =>
    (
      await sql<{ id: string; work_order_id: string }>(
        `select a.id, w.id as work_order_id from alert a join work_order w on w.alert_id = a.id
          where a.equipment_id = ? and a.fault_code = 'WATER_LEAK'`,
        [equipmentId],
      )
    )[0];
  const incidentsOf = async (alertId: string) =>
    (
      await ok<{ incidents: { nodes: IncidentNode[] } }>(tokens.supervisor, INCIDENTS_OF_ALERT, { first: 20 })
    ).incidents.nodes.filter((i) => i.alerts.some((a) => a.id === alertId));

  beforeAll(async () => {
    platform = await startTestPlatform();
    for (const name of ['manager', 'supervisor', 'operator', 'technician', 'relations', 'affairs', 'hotline-manager'])
      tokens[name] = await platform.login(name);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('a leak plan set to interrupt supply opens an incident with its template; set back, the next leak opens none', async () => {
    const before = await plan('WATER_LEAK');
    expect(before).toMatchObject({ interruptsSupply: false, announcementTemplate: null }); // the default (migrations/seed/default-plan-supply.ts)
    const auditBefore = await auditRows(before.id);

    const updated = await updateOk({
      id: before.id,
      version: before.version,
      interruptsSupply: true,
      evidenceMetric: 'leak',
      evidenceStableMinutes: 15,
      announcementTemplate: TEMPLATE,
    });
    expect(updated).toMatchObject({
      version: before.version + 1,
      interruptsSupply: true,
      evidenceMetric: 'leak',
      evidenceStableMinutes: 15,
      announcementTemplate: TEMPLATE,
      title: before.title, // omitted: unchanged
      steps: before.steps,
    });
    expect(await plan('WATER_LEAK')).toMatchObject({ version: updated.version, announcementTemplate: TEMPLATE });
    expect(await auditRows(before.id)).toBe(auditBefore + 1);

    // a leak on equipment serving two units: an incident on exactly those, drafted from the new template
    const first = await servedEquipment(['PL-101', 'PL-102']);
    await platform.services.alerts.apply([leak(first)]);
    const firstAlert = await alertOf(first.equipmentId);
    expect(firstAlert).toBeDefined();
    const [incident] = await incidentsOf(firstAlert.id);
    expect(incident).toBeDefined();
    expect(incident.affectedUnits.totalCount).toBe(2);
    expect(incident.affectedUnits.nodes.map((u) => u.id).sort()).toEqual([...first.units].sort());
    expect(incident.workOrder?.id).toBe(firstAlert.work_order_id);
    expect(incident.textForResidents).toBe(`${TEMPLATE.bodyZh}\n${TEMPLATE.body}`);
    const drafts = (
      await ok<{ announcements: { nodes: Array<{ title: string; body: string; status: string }> } }>(
        tokens.supervisor,
        DRAFTS_OF,
        { incidentId: incident.id },
      )
    ).announcements.nodes;
    expect(drafts).toEqual([
      {
        title: `${TEMPLATE.titleZh} / ${TEMPLATE.title}`,
        body: `${TEMPLATE.bodyZh}\n\n${TEMPLATE.body}`,
        status: 'DRAFT',
      },
    ]);
    const stepsOpenedWith = await sql<{ steps: unknown }>('select steps from work_order where id = ?', [
      firstAlert.work_order_id,
    ]);

    // back to not interrupting supply, with new steps: the next leak (other equipment) opens no incident
    const reverted = await updateOk({
      id: before.id,
      version: updated.version,
      interruptsSupply: false,
      steps: [{ text: 'Close the riser valve', textZh: '关闭立管阀门' }, { text: 'Call the plumber' }],
    });
    expect(reverted).toMatchObject({
      interruptsSupply: false,
      steps: [
        { position: 1, text: 'Close the riser valve', textZh: '关闭立管阀门' },
        { position: 2, text: 'Call the plumber', textZh: null },
      ],
    });
    expect(await auditRows(before.id)).toBe(auditBefore + 2);
    const second = await servedEquipment(['PL-201']);
    await platform.services.alerts.apply([leak(second)]);
    const secondAlert = await alertOf(second.equipmentId);
    expect(secondAlert).toBeDefined(); // the alert and its work order were raised…
    expect(await incidentsOf(secondAlert.id)).toEqual([]); // …but no incident
    expect(
      (
        await sql<{ n: number }>('select count(*)::int as n from incident_alert where alert_id = ?', [secondAlert.id])
      )[0].n,
    ).toBe(0);
    const [{ steps: newSteps }] = await sql<{ steps: Array<{ text: string }> }>(
      'select steps from work_order where id = ?',
      [secondAlert.work_order_id],
    );
    expect(newSteps.map((s) => s.text)).toEqual(['Close the riser valve', 'Call the plumber']);

    // what was opened before keeps what it was opened with
    const [stillOpen] = await incidentsOf(firstAlert.id);
    expect(stillOpen).toMatchObject({ id: incident.id, textForResidents: incident.textForResidents });
    expect(await sql('select steps from work_order where id = ?', [firstAlert.work_order_id])).toEqual(stepsOpenedWith);
  });

  it('a stale version is CONFLICT and changes nothing', async () => {
    const current = await plan('WATER_PRESSURE_LOW');
    const fresh = await updateOk({ id: current.id, version: current.version, responseMinutes: 25 });
    const auditAfterFirst = await auditRows(current.id);
    expect(auditAfterFirst).toBeGreaterThan(0);
    const stored = await row(current.id);

    const stale = await update({ id: current.id, version: current.version, responseMinutes: 90 });
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(await row(current.id)).toEqual(stored);
    expect(await auditRows(current.id)).toBe(auditAfterFirst);
    expect(fresh.version).toBe(current.version + 1);
  });

  it('only managers and supervisors edit plans', async () => {
    const current = await plan('PUMP_FAULT');
    const stored = await row(current.id);
    for (const name of ['operator', 'technician', 'relations', 'affairs', 'hotline-manager']) {
      const answer = await update({ id: current.id, version: current.version, title: `by ${name}` }, tokens[name]);
      expect([name, codeOf(answer)]).toEqual([name, 'FORBIDDEN']);
    }
    expect(await row(current.id)).toEqual(stored);
    expect(await auditRows(current.id)).toBe(0);

    const byManager = await update({ id: current.id, version: current.version, title: 'Pump fault' }, tokens.manager);
    expect(byManager.errors).toBeUndefined();
    expect(byManager.data!.updateEmergencyPlan).toMatchObject({ title: 'Pump fault', version: current.version + 1 });
    expect(await auditRows(current.id)).toBe(1);
  });

  it.each([
    [
      'an unknown metric',
      { evidenceMetric: 'no_such_metric', evidenceStableMinutes: 10 },
      /no_such_metric is not a metric/,
    ],
    [
      'a metric of another system',
      { evidenceMetric: 'voltage_l1_v', evidenceStableMinutes: 10 },
      /one of .*pressure_kpa/,
    ],
    ['a metric without minutes', { evidenceMetric: 'pressure_kpa' }, /set together/],
    ['minutes without a metric', { evidenceMetric: null, evidenceStableMinutes: 10 }, /set together/],
    [
      'stable minutes over a day',
      { evidenceMetric: 'pressure_kpa', evidenceStableMinutes: 1441 },
      /evidenceStableMinutes/,
    ],
    ['a blank step', { steps: [{ text: 'Close the valve' }, { text: '   ' }] }, /Step 2 has no text/],
    ['no steps', { steps: [] }, /steps/],
    ['a step over 1000 characters', { steps: [{ text: 'x'.repeat(1001) }] }, /Step 1 is longer than 1000/],
    ['51 steps', { steps: Array.from({ length: 51 }, (_, i) => ({ text: `step ${i}` })) }, /steps/],
    ['responseMinutes 0', { responseMinutes: 0 }, /responseMinutes/],
    ['responseMinutes over a week', { responseMinutes: 10_081 }, /responseMinutes/],
    ['a blank title', { title: '  ' }, /title must not be blank/],
    ['a title over 200 characters', { title: 't'.repeat(201) }, /title/],
    ['a cleared title', { title: null }, /title cannot be cleared/],
    ['a cleared interruptsSupply', { interruptsSupply: null }, /interruptsSupply cannot be cleared/],
    ['a blank template body', { announcementTemplate: { ...TEMPLATE, bodyZh: ' ' } }, /bodyZh must not be blank/],
    [
      'a template body over 4000 characters',
      { announcementTemplate: { ...TEMPLATE, body: 'b'.repeat(4001) } },
      /body is longer than 4000/,
    ],
  ])('%s is BAD_USER_INPUT and changes nothing', async (_why, change, why) => {
    const current = await plan('WATER_PRESSURE_LOW');
    const stored = await row(current.id);
    const audits = await auditRows(current.id);
    const answer = await update({ id: current.id, version: current.version, ...change });
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors![0].message).toMatch(why); // says what is wrong
    expect(await row(current.id)).toEqual(stored);
    expect(await auditRows(current.id)).toBe(audits);
  });

  it('null clears the evidence pair and the template; omitted fields stay', async () => {
    const current = await plan('HEATING_SUPPLY_TEMP_LOW');
    expect(current).toMatchObject({ evidenceMetric: 'supply_temp_c', announcementTemplate: expect.any(Object) });
    const cleared = await updateOk({
      id: current.id,
      version: current.version,
      evidenceMetric: null,
      evidenceStableMinutes: null,
      announcementTemplate: null,
    });
    expect(cleared).toMatchObject({
      evidenceMetric: null,
      evidenceStableMinutes: null,
      announcementTemplate: null,
      interruptsSupply: current.interruptsSupply,
      title: current.title,
      steps: current.steps,
    });
    const stored = await row(current.id);
    expect(stored).toMatchObject({ evidence_metric: null, evidence_stable_minutes: null, announcement_template: null });
  });
});
