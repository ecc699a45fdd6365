/**
 * Every operation of the incidents contract (test/contract-incidents.graphql, a verbatim copy of
 * the shared incidents.graphql) validates against the schema and runs as written, in one story:
 * a planned water stop on a building, the call it explains and the request that joins it, its
 * announcement, its end and the callback that reopens the work order, a shift handed over, the
 * KPIs of the hour and a roster import with a bad row. Real: the whole platform on the shared
 * services, over HTTP. Faked: nothing. The test makes its own site, building and accounts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, validate } from 'graphql';
import { codeOf, loadContract, newSite, newStaff, run, type NewStaff } from '../support/core-operations';
import { postGraphql } from '../support/graphql-client';
import { deskOp } from '../support/service-desk-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

jest.setTimeout(120_000);

const contract = loadContract('contract-incidents.graphql');
const op = contract.op;
const operations = loadContract('contract-operations.graphql');

describe('the incidents contract operations, exactly as written', () => {
  let platform: TestPlatform;
  let url: string;
  let manager: string;
  let site: { siteId: string; buildingId: string };
  let operator: NewStaff;
  let nextOperator: NewStaff;
  let technician: NewStaff;
  let relations: NewStaff;
  const unitIds: string[] = [];
  let residentId: string;
  const phone = `1360000${String(process.pid % 10_000).padStart(4, '0')}`;

  beforeAll(async () => {
    platform = await startTestPlatform();
    url = platform.graphqlUrl;
    manager = await platform.login('manager');
    site = await newSite(url, manager, 'ICT');
    operator = await newStaff(url, manager, { role: 'HOTLINE_OPERATOR', siteIds: [site.siteId] });
    nextOperator = await newStaff(url, manager, { role: 'HOTLINE_OPERATOR', siteIds: [site.siteId] });
    technician = await newStaff(url, manager, { role: 'TECHNICIAN', siteIds: [site.siteId] });
    relations = await newStaff(url, manager, { role: 'RELATIONS_OFFICER', siteIds: [site.siteId] });
    for (const [code, floor] of [
      ['I-101', 1],
      ['I-102', 1],
      ['I-201', 2],
    ] as const) {
      const unit = await run<{ createUnit: { id: string } }>(
        url,
        deskOp('CreateUnit'),
        { input: { buildingId: site.buildingId, code, floor } },
        manager,
      );
      unitIds.push(unit.createUnit.id);
    }
    const resident = await run<{ registerResident: { id: string } }>(
      url,
      deskOp('RegisterResident'),
      { input: { name: '赵丽华', phone, unitId: unitIds[0], relation: 'OWNER' } },
      manager,
    );
    residentId = resident.registerResident.id;
  });
  afterAll(() => platform?.stop());

  it('all validate against schema/schema.graphql', () => {
    const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8'));
    expect([...contract.names].sort()).toEqual(
      [
        'ActiveIncidents',
        'AnnouncementsForUnit',
        'CallWithIncidents',
        'Callbacks',
        'CloseShift',
        'CreateIncident',
        'EndIncident',
        'ImportResidents',
        'PublishAnnouncement',
        'RecordCallback',
        'ServiceKpis',
        'SetEquipmentServes',
        'TakeOverShift',
      ].sort(),
    );
    expect(validate(schema, contract.document).map((e) => e.message)).toEqual([]);
  });

  it('SetEquipmentServes: an equipment supplies the units it is given', async () => {
    const equipment = await run<{ createEquipment: { id: string } }>(
      url,
      operations.op('CreateEquipment'),
      {
        input: {
          buildingId: site.buildingId,
          code: 'ICT-WP',
          name: 'booster pumps',
          system: 'WATER',
          kind: 'booster pump set',
        },
      },
      manager,
    );
    const served = await run<{ setEquipmentServes: { id: string; servedUnits: { totalCount: number } } }>(
      url,
      op('SetEquipmentServes'),
      { equipmentId: equipment.createEquipment.id, unitIds: unitIds.slice(0, 2) },
      manager,
    );
    expect(served.setEquipmentServes).toEqual({ id: equipment.createEquipment.id, servedUnits: { totalCount: 2 } });
  });

  it('a planned water stop: the call it explains, the request that joins it, its notice, its end and the callback that reopens its work order', async () => {
    const created = await run<{
      createIncident: { id: string; number: string; status: string; affectedUnits: { totalCount: number } };
    }>(
      url,
      op('CreateIncident'),
      {
        input: {
          title: 'Water stop for pipe works',
          kind: 'WATER',
          buildingIds: [site.buildingId],
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          planned: true,
          textForResidents: '今日停水 water off today',
        },
      },
      manager,
    );
    const incidentId = created.createIncident.id;
    expect(created.createIncident).toMatchObject({ status: 'ACTIVE', affectedUnits: { totalCount: 3 } });

    // a resident of an affected unit calls: the operator sees the incident, and the request joins it
    const call = await run<{ startCall: { id: string } }>(
      url,
      deskOp('StartCall'),
      { input: { phone, channel: 'PHONE' } },
      operator.token,
    );
    const shown = await run<{
      call: { matchedResidents: Array<{ id: string }>; activeIncidents: Array<{ id: string; kind: string }> };
    }>(url, op('CallWithIncidents'), { id: call.startCall.id }, operator.token);
    expect(shown.call.matchedResidents.map((r) => r.id)).toEqual([residentId]);
    expect(shown.call.activeIncidents).toEqual([expect.objectContaining({ id: incidentId, kind: 'WATER' })]);
    const request = await run<{ createServiceRequest: { workOrder: { id: string; version: number } } }>(
      url,
      deskOp('CreateServiceRequest'),
      {
        input: {
          category: 'REPAIR',
          description: 'no water in the kitchen',
          callId: call.startCall.id,
          residentId,
          unitId: unitIds[0],
          incidentId,
        },
      },
      operator.token,
    );
    const workOrder = request.createServiceRequest.workOrder;

    type Active = {
      incidents: {
        nodes: Array<{
          id: string;
          status: string;
          buildings: Array<{ id: string }>;
          affectedUnits: { totalCount: number };
          calls: { totalCount: number };
          requests: { totalCount: number };
          workOrder: { id: string } | null;
          announcements: Array<{ id: string }>;
        }>;
      };
    };
    const active = await run<Active>(url, op('ActiveIncidents'), {}, operator.token);
    expect(active.incidents.nodes.find((n) => n.id === incidentId)).toMatchObject({
      status: 'ACTIVE',
      buildings: [{ id: site.buildingId }],
      affectedUnits: { totalCount: 3 },
      calls: { totalCount: 1 },
      requests: { totalCount: 1 },
      workOrder: { id: workOrder.id },
    });

    // its notice reaches the affected units
    const notice = await run<{
      publishAnnouncement: { id: string; status: string; recipients: { totalCount: number } };
    }>(
      url,
      op('PublishAnnouncement'),
      { input: { title: '停水通知 Water stop', body: '今日 9:00–17:00 停水', kind: 'OUTAGE', incidentId } },
      manager,
    );
    expect(notice.publishAnnouncement).toMatchObject({ status: 'PUBLISHED', recipients: { totalCount: 3 } });
    const forUnit = await run<{ announcements: { nodes: Array<{ id: string }> } }>(
      url,
      op('AnnouncementsForUnit'),
      { unitId: unitIds[2] },
      manager,
    );
    expect(forUnit.announcements.nodes.map((n) => n.id)).toContain(notice.publishAnnouncement.id);

    // the work is done and the incident ended: the caller is called back, and a low score reopens the work order
    let version = workOrder.version;
    for (const [token, input] of [
      [operator.token, { to: 'DISPATCHED', assigneeId: technician.id }],
      [technician.token, { to: 'IN_PROGRESS' }],
      [technician.token, { to: 'RESOLVED', note: 'valve replaced' }],
    ] as const) {
      const moved = await run<{ transitionWorkOrder: { version: number } }>(
        url,
        deskOp('TransitionWorkOrder'),
        { input: { id: workOrder.id, version, ...input } },
        token,
      );
      version = moved.transitionWorkOrder.version;
    }
    const ended = await run<{ endIncident: { id: string; status: string; endedAt: string } }>(
      url,
      op('EndIncident'),
      { id: incidentId, note: 'pipe works finished' },
      manager,
    );
    expect(ended.endIncident).toMatchObject({ id: incidentId, status: 'ENDED', endedAt: expect.any(String) });
    expect(codeOf(await postGraphql(url, op('EndIncident'), { id: incidentId }, manager))).toBe('INVALID_TRANSITION');

    type Listed = {
      callbacks: {
        nodes: Array<{
          id: string;
          reason: string;
          status: string;
          resident: { id: string };
          incident: { id: string } | null;
        }>;
      };
    };
    const listed = await run<Listed>(url, op('Callbacks'), { due: null }, operator.token);
    const callback = listed.callbacks.nodes.find((c) => c.reason === 'INCIDENT_ENDED' && c.incident?.id === incidentId);
    expect(callback).toMatchObject({ status: 'DUE', resident: { id: residentId } });
    const recorded = await run<{
      recordCallback: {
        id: string;
        status: string;
        attempts: number;
        satisfaction: number;
        workOrder: { id: string; status: string };
      };
    }>(
      url,
      op('RecordCallback'),
      { input: { id: callback!.id, reached: true, satisfaction: 2, comment: '水压还是低' } },
      operator.token,
    );
    expect(recorded.recordCallback).toMatchObject({
      status: 'DONE',
      attempts: 1,
      satisfaction: 2,
      workOrder: { id: workOrder.id, status: 'IN_PROGRESS' },
    });
  });

  it('CloseShift lists what is open from live state; the next operator takes it over', async () => {
    const complaint = await run<{ createServiceRequest: { id: string } }>(
      url,
      deskOp('CreateServiceRequest'),
      { input: { category: 'COMPLAINT', description: 'noise at night', residentId, unitId: unitIds[0] } },
      operator.token,
    );
    const closed = await run<{
      closeShift: {
        id: string;
        closedAt: string;
        notes: string;
        openItems: Array<{ kind: string; refId: string | null }>;
      };
    }>(url, op('CloseShift'), { notes: 'pump room door jammed' }, operator.token);
    expect(closed.closeShift.notes).toBe('pump room door jammed');
    expect(closed.closeShift.openItems).toContainEqual(
      expect.objectContaining({ kind: 'OPEN_COMPLAINT', refId: complaint.createServiceRequest.id }),
    );
    const taken = await run<{ takeOverShift: { id: string; takenOverAt: string; takenOverBy: { username: string } } }>(
      url,
      op('TakeOverShift'),
      { id: closed.closeShift.id },
      nextOperator.token,
    );
    expect(taken.takeOverShift).toMatchObject({
      id: closed.closeShift.id,
      takenOverBy: { username: nextOperator.username },
    });
    expect(codeOf(await postGraphql(url, op('TakeOverShift'), { id: closed.closeShift.id }, nextOperator.token))).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('ServiceKpis answers the hour of this site: calls, requests, the complaint, the incident, the callback', async () => {
    const kpis = await run<{
      serviceKpis: Record<string, unknown> & { byOperator: Array<{ staff: { username: string } }> };
    }>(
      url,
      op('ServiceKpis'),
      {
        from: new Date(Date.now() - 3_600_000).toISOString(),
        to: new Date(Date.now() + 60_000).toISOString(),
        siteId: site.siteId,
      },
      manager,
    );
    expect(kpis.serviceKpis).toMatchObject({
      calls: 1,
      requests: 2,
      complaints: 1,
      incidents: 1,
      callbacksDone: 1,
      avgSatisfaction: 2,
    });
    expect(kpis.serviceKpis.byOperator.map((o) => o.staff.username)).toContain(operator.username);
  });

  it('ImportResidents: a file with a bad row imports nothing and names it; a dry run imports nothing; then it imports', async () => {
    const file = (rows: string[]) =>
      Buffer.from(['building,unit,floor,name,phone,relation,since', ...rows].join('\n')).toString('base64');
    const good = `B1,I-301,3,钱进,13600009301,OWNER,2025-05-01`;
    type Imported = {
      importResidents: {
        dryRun: boolean;
        rows: number;
        imported: number;
        errors: Array<{ row: number; column: string | null }>;
      };
    };
    const bad = await run<Imported>(
      url,
      op('ImportResidents'),
      {
        input: {
          filename: 'roster.csv',
          contentBase64: file([good, 'B1,I-302,3,孙立,12-34,OWNER,2025-05-01']),
          dryRun: false,
        },
      },
      relations.token,
    );
    expect(bad.importResidents).toMatchObject({ dryRun: false, rows: 2, imported: 0 });
    expect(bad.importResidents.errors).toEqual([expect.objectContaining({ row: 3, column: 'phone' })]);
    const dry = await run<Imported>(
      url,
      op('ImportResidents'),
      { input: { filename: 'roster.csv', contentBase64: file([good]), dryRun: true } },
      relations.token,
    );
    expect(dry.importResidents).toMatchObject({ dryRun: true, rows: 1, imported: 0, errors: [] });
    const real = await run<Imported>(
      url,
      op('ImportResidents'),
      { input: { filename: 'roster.csv', contentBase64: file([good]), dryRun: false } },
      relations.token,
    );
    expect(real.importResidents).toMatchObject({ dryRun: false, rows: 1, imported: 1, errors: [] });
  });
});
