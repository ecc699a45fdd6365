/**
 * The hotline: calls matched to residents by phone, ended once, and the service requests they
 * raise — closed on filing, or opening one work order with its SLA deadlines, first history
 * line, outbox event, complaint notification and audit row in one transaction — with roles,
 * site scoping and the cost of the lists. Contract operations (test/contract-service-desk.graphql)
 * run as written. Real: the whole platform over HTTP and graphql-ws on the shared PostgreSQL.
 * Faked: nothing; units and residents are written through the ORM (test/factories/residents.factory.ts),
 * and one call's start is moved back in SQL to give it a duration.
 */
import { randomUUID } from 'node:crypto';
import { collect, postGraphql, wsClient } from '../support/graphql-client';
import { codeOf, newSite, newStaff, run } from '../support/core-operations';
import { deskOp } from '../support/service-desk-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { buildResident, buildUnit, newPhone } from '../factories/residents.factory';

interface CreatedRequest {
  id: string;
  number: string;
  category: string;
  status: string;
  workOrder: null | {
    id: string;
    number: string;
    status: string;
    priority: string;
    department: string;
    respondBy: string;
    resolveBy: string;
    version: number;
  };
}

describe('hotline', () => {
  let platform: TestPlatform;
  let url: string;
  const tokens: Record<string, string> = {};
  let hgSiteId: string;
  let hgUnit: string;
  let hgUnit2: string;
  let hgEquipment: string;
  let s2: { siteId: string; buildingId: string; unitId: string; equipmentId: string; residentId: string };
  let resident: { id: string; phone: string; name: string };
  let operatorId: string;

  const sql = <T>(query: string, params: unknown[] = []) =>
    platform.orm.em.fork().getConnection().execute<T[]>(query, params);
  const api = <T>(token: string, query: string, variables: object = {}) =>
    postGraphql<T, object>(url, query, variables, token);
  const ok = <T>(token: string, query: string, variables: object = {}) => run<T>(url, query, variables, token);

  const startCall = async (token: string, phone: string) =>
    (
      await ok<{ startCall: { id: string; startedAt: string; matchedResidents: Array<{ id: string; name: string }> } }>(
        token,
        deskOp('StartCall'),
        { input: { phone, channel: 'PHONE' } },
      )
    ).startCall;
  const fileRequest = async (token: string, input: Record<string, unknown>) =>
    (await ok<{ createServiceRequest: CreatedRequest }>(token, deskOp('CreateServiceRequest'), { input }))
      .createServiceRequest;

  beforeAll(async () => {
    platform = await startTestPlatform();
    url = platform.graphqlUrl;
    for (const name of ['manager', 'supervisor', 'operator', 'hotline-manager', 'technician', 'relations', 'affairs'])
      tokens[name] = await platform.login(name);
    [{ id: operatorId }] = await sql<{ id: string }>(`select id from staff where username = 'operator'`);
    const [hg] = await sql<{ site_id: string; building_id: string; equipment_id: string }>(
      `select s.id as site_id, b.id as building_id, e.id as equipment_id from site s
         join building b on b.site_id = s.id join equipment e on e.building_id = b.id
        where s.code = 'HG' order by b.code, e.code limit 1`,
    );
    hgSiteId = hg.site_id;
    hgEquipment = hg.equipment_id;
    hgUnit = (await buildUnit(platform.orm, hg.building_id, '1-101')).id;
    hgUnit2 = (await buildUnit(platform.orm, hg.building_id, '1-102')).id;
    const r = await buildResident(platform.orm, { name: '王芳 Wang Fang', unitIds: [hgUnit] });
    resident = { id: r.id, phone: r.phone, name: r.name };
    const other = await newSite(url, tokens.manager, 'S2');
    const s2Unit = (await buildUnit(platform.orm, other.buildingId, '9-901')).id;
    const s2Equipment = await ok<{ createEquipment: { id: string } }>(
      tokens.manager,
      'mutation($input: CreateEquipmentInput!) { createEquipment(input: $input) { id } }',
      { input: { buildingId: other.buildingId, code: 'S2-WP', name: 'pump', system: 'WATER', kind: 'pump' } },
    );
    const s2Resident = await buildResident(platform.orm, { unitIds: [s2Unit] });
    s2 = {
      ...other,
      unitId: s2Unit,
      equipmentId: s2Equipment.createEquipment.id,
      residentId: s2Resident.id,
    };
  });
  afterAll(() => platform?.stop());

  /** a timestamp column as epoch milliseconds (text), whatever the driver makes of timestamps */
  const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::bigint::text`;

  /** the phone as an operator might type it: 139 1234 5678 → "139-1234 5678" */
  const typed = (phone: string) => `${phone.slice(0, 3)}-${phone.slice(3, 7)} ${phone.slice(7)}`;

  describe('calls', () => {
    it('StartCall (as written) makes the caller the operator, matches residents by phone and takes their site', async () => {
      const result = await ok<{
        startCall: {
          id: string;
          startedAt: string;
          operator: { id: string; username: string };
          matchedResidents: unknown[];
        };
      }>(tokens.operator, deskOp('StartCall'), {
        input: { phone: typed(resident.phone), channel: 'PHONE', recordingRef: 'rec/2026/11/29/0001.wav' },
      });
      expect(result.startCall.operator).toEqual({ id: operatorId, username: 'operator' });
      expect(result.startCall.matchedResidents).toEqual([{ id: resident.id, name: resident.name }]);
      expect(Date.parse(result.startCall.startedAt)).not.toBeNaN();
      const [row] = await sql<Record<string, string>>(
        'select phone, site_id, operator_id, recording_ref, ended_at from call where id = ?',
        [result.startCall.id],
      );
      expect(row).toEqual({
        phone: resident.phone,
        site_id: hgSiteId,
        operator_id: operatorId,
        recording_ref: 'rec/2026/11/29/0001.wav',
        ended_at: null,
      });
      const pivot = await sql<{ resident_id: string }>('select resident_id from call_resident where call_id = ?', [
        result.startCall.id,
      ]);
      expect(pivot).toEqual([{ resident_id: resident.id }]);
    });

    it('a caller nobody matches, or residents of two sites: no site, seen by the operator who took it and by managers', async () => {
      const unknown = await startCall(tokens.operator, newPhone());
      expect(unknown.matchedResidents).toEqual([]);
      const twoSites = await buildResident(platform.orm, { unitIds: [hgUnit2, s2.unitId] });
      const both = await startCall(tokens.operator, twoSites.phone);
      expect(both.matchedResidents.map((r) => r.id)).toEqual([twoSites.id]);
      // a resident of another site is not the operator's to see: not matched
      const [{ phone: s2Phone }] = await sql<{ phone: string }>('select phone from resident where id = ?', [
        s2.residentId,
      ]);
      const elsewhere = await startCall(tokens.operator, s2Phone);
      expect(elsewhere.matchedResidents).toEqual([]);
      for (const call of [unknown, both, elsewhere]) {
        const [{ site_id }] = await sql<{ site_id: string | null }>('select site_id from call where id = ?', [call.id]);
        expect(site_id).toBeNull();
        const q = 'query($id: ID!) { call(id: $id) { id } }';
        expect((await api(tokens.operator, q, { id: call.id })).errors).toBeUndefined();
        expect((await api(tokens.manager, q, { id: call.id })).errors).toBeUndefined();
        expect(codeOf(await api(tokens.supervisor, q, { id: call.id }))).toBe('NOT_FOUND');
      }
    });

    it('EndCall (as written) ends a call once, with its duration; only its operator or their managers may end it', async () => {
      const call = await startCall(tokens.operator, resident.phone);
      await sql(`update call set started_at = started_at - interval '95 seconds' where id = ?`, [call.id]);
      const colleague = await newStaff(url, tokens.manager, { role: 'HOTLINE_OPERATOR', siteIds: [hgSiteId] });
      const refused = await api(colleague.token, deskOp('EndCall'), { id: call.id, summary: 'not mine' });
      expect(codeOf(refused)).toBe('FORBIDDEN');

      const ended = await ok<{ endCall: { id: string; endedAt: string; durationS: number } }>(
        tokens.operator,
        deskOp('EndCall'),
        { id: call.id, summary: '报修：厨房漏水 kitchen leak' },
      );
      const [row] = await sql<{ started_ms: string; ended_ms: string; summary: string }>(
        `select ${ms('started_at')} as started_ms, ${ms('ended_at')} as ended_ms, summary from call where id = ?`,
        [call.id],
      );
      expect(Date.parse(ended.endCall.endedAt)).toBe(Number(row.ended_ms));
      expect(ended.endCall.durationS).toBe(Math.round((Number(row.ended_ms) - Number(row.started_ms)) / 1000));
      expect(ended.endCall.durationS).toBeGreaterThanOrEqual(95);
      expect(row.summary).toBe('报修：厨房漏水 kitchen leak');

      const again = await api(tokens.operator, deskOp('EndCall'), { id: call.id, summary: 'again' });
      expect(codeOf(again)).toBe('INVALID_TRANSITION');
      const [still] = await sql<{ ended_ms: string; summary: string }>(
        `select ${ms('ended_at')} as ended_ms, summary from call where id = ?`,
        [call.id],
      );
      expect(still).toEqual({ ended_ms: row.ended_ms, summary: row.summary });

      // the hotline manager ends a call an operator left open
      const left = await startCall(tokens.operator, resident.phone);
      const byManager = await api<{ endCall: { durationS: number } }>(tokens['hotline-manager'], deskOp('EndCall'), {
        id: left.id,
      });
      expect(byManager.errors).toBeUndefined();
      expect(byManager.data!.endCall.durationS).toBeGreaterThanOrEqual(0);
      expect(codeOf(await api(tokens.operator, deskOp('EndCall'), { id: randomUUID() }))).toBe('NOT_FOUND');
    });

    it('two EndCalls at once: one ends the call, the other is INVALID_TRANSITION (the row is locked)', async () => {
      const call = await startCall(tokens.operator, resident.phone);
      const results = await Promise.all([
        api(tokens.operator, deskOp('EndCall'), { id: call.id, summary: 'first' }),
        api(tokens['hotline-manager'], deskOp('EndCall'), { id: call.id, summary: 'second' }),
      ]);
      expect(results.map((r) => codeOf(r) ?? 'OK').sort()).toEqual(['INVALID_TRANSITION', 'OK']);
      const audits = await sql("select 1 from audit_entry where action = 'call.end' and entity_id = ?", [call.id]);
      expect(audits).toHaveLength(1);
    });

    it('the caller’s number (+86 dropped) is whole for the hotline and masked for a technician', async () => {
      // written internationally: the country code is dropped, the resident is still matched
      const call = await startCall(tokens.operator, `+86 ${typed(resident.phone)}`);
      expect(call.matchedResidents.map((r) => r.id)).toEqual([resident.id]);
      const q = 'query($id: ID!) { call(id: $id) { phone durationS } }';
      const whole = await ok<{ call: { phone: string; durationS: number | null } }>(tokens.operator, q, {
        id: call.id,
      });
      expect(whole.call).toEqual({ phone: resident.phone, durationS: null });
      const masked = await ok<{ call: { phone: string } }>(tokens.technician, q, { id: call.id });
      expect(masked.call.phone).toBe(`${resident.phone.slice(0, 3)}****${resident.phone.slice(-4)}`);
    });

    it('a phone with too few digits is BAD_USER_INPUT', async () => {
      const bad = await api(tokens.operator, deskOp('StartCall'), { input: { phone: 'ab-1', channel: 'PHONE' } });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    });
  });

  describe('roles', () => {
    it('the hotline and the staff above it take calls; relations officers also file requests; nobody else', async () => {
      for (const name of ['operator', 'hotline-manager', 'supervisor', 'manager']) {
        expect(
          (await api(tokens[name], deskOp('StartCall'), { input: { phone: newPhone(), channel: 'WALK_IN' } })).errors,
        ).toBeUndefined();
      }
      for (const name of ['technician', 'affairs', 'relations']) {
        const refused = await api(tokens[name], deskOp('StartCall'), { input: { phone: newPhone(), channel: 'APP' } });
        expect(codeOf(refused)).toBe('FORBIDDEN');
      }
      const suggestion = {
        category: 'SUGGESTION',
        description: '建议增加儿童游乐设施 more playgrounds',
        unitId: hgUnit,
      };
      for (const name of ['technician', 'affairs']) {
        expect(codeOf(await api(tokens[name], deskOp('CreateServiceRequest'), { input: suggestion }))).toBe(
          'FORBIDDEN',
        );
      }
      for (const name of ['relations', 'operator', 'hotline-manager', 'supervisor', 'manager']) {
        expect((await fileRequest(tokens[name], suggestion)).status).toBe('CLOSED');
      }
    });
  });

  describe('service requests', () => {
    it('an answered inquiry and a suggestion are recorded and closed, with no work order', async () => {
      const inquiry = await fileRequest(tokens.operator, {
        category: 'INQUIRY',
        description: '物业费缴费时间 when is the service fee due',
        answer: '每季度首月15日前 by the 15th of each quarter',
        residentId: resident.id,
      });
      const suggestion = await fileRequest(tokens.operator, { category: 'SUGGESTION', description: 'more benches' });
      for (const filed of [inquiry, suggestion]) {
        expect(filed).toMatchObject({ status: 'CLOSED', workOrder: null });
        expect(filed.number).toMatch(/^SR-\d{8}-\d{6}$/);
        const [row] = await sql<{ closed: boolean; n: string }>(
          `select closed_at = created_at as closed, (select count(*) from work_order where service_request_id = r.id) as n
             from service_request r where id = ?`,
          [filed.id],
        );
        expect(row.closed).toBe(true);
        expect(Number(row.n)).toBe(0);
      }
      // an inquiry without an answer (a blank one is none) needs someone: it opens a work order
      const open = await fileRequest(tokens.operator, {
        category: 'INQUIRY',
        description: 'parking permit?',
        answer: '  ',
      });
      expect(open.status).toBe('OPEN');
      expect(open.workOrder).toMatchObject({ status: 'OPEN', department: 'CUSTOMER_SERVICE', priority: 'NORMAL' });
      // about no unit or equipment: it belongs to the site of the operator who filed it, who keeps seeing it
      const [{ site_id }] = await sql<{ site_id: string }>('select site_id from service_request where id = ?', [
        open.id,
      ]);
      expect(site_id).toBe(hgSiteId);
    });

    it('a repair opens one work order: SLA deadlines, links, site, history, outbox row and audit row in one transaction', async () => {
      const call = await startCall(tokens.operator, resident.phone);
      const filed = await fileRequest(tokens.operator, {
        category: 'REPAIR',
        description: '厨房水管漏水 kitchen pipe leaking',
        callId: call.id,
        residentId: resident.id,
        unitId: hgUnit,
        equipmentId: hgEquipment,
      });
      expect(filed).toMatchObject({ category: 'REPAIR', status: 'OPEN' });
      expect(filed.workOrder).toMatchObject({
        status: 'OPEN',
        priority: 'NORMAL',
        department: 'ENGINEERING',
        version: 1,
      });
      const wo = filed.workOrder!;
      expect(wo.number).toMatch(/^WO-\d{8}-\d{6}$/);

      const [row] = await sql<Record<string, unknown> & { created_ms: string; respond_ms: string; resolve_ms: string }>(
        `select source, status, title, unit_id, equipment_id, site_id, service_request_id, ${ms('created_at')} as created_ms,
                ${ms('respond_by')} as respond_ms, ${ms('resolve_by')} as resolve_ms, due_at = respond_by as due_is_respond,
                xmin::text as tx from work_order where id = ?`,
        [wo.id],
      );
      const [policy] = await sql<{ respond_minutes: number; resolve_minutes: number }>(
        `select respond_minutes, resolve_minutes from sla_policy where category = 'REPAIR' and priority = 'NORMAL'`,
      );
      expect(row).toMatchObject({
        source: 'SERVICE_REQUEST',
        status: 'OPEN',
        title: 'Repair: 厨房水管漏水 kitchen pipe leaking',
        unit_id: hgUnit,
        equipment_id: hgEquipment,
        site_id: hgSiteId,
        service_request_id: filed.id,
        due_is_respond: true,
      });
      expect(Number(row.respond_ms) - Number(row.created_ms)).toBe(policy.respond_minutes * 60_000);
      expect(Number(row.resolve_ms) - Number(row.created_ms)).toBe(policy.resolve_minutes * 60_000);
      expect(Date.parse(wo.respondBy)).toBe(Number(row.respond_ms));
      expect(Date.parse(wo.resolveBy)).toBe(Number(row.resolve_ms));

      const [request] = await sql<Record<string, unknown>>(
        `select call_id, resident_id, unit_id, equipment_id, site_id, created_by_id, department, xmin::text as tx
           from service_request where id = ?`,
        [filed.id],
      );
      expect(request).toEqual({
        call_id: call.id,
        resident_id: resident.id,
        unit_id: hgUnit,
        equipment_id: hgEquipment,
        site_id: hgSiteId,
        created_by_id: operatorId,
        department: 'ENGINEERING',
        tx: row.tx,
      });
      const history = await sql<Record<string, unknown>>(
        `select "from", "to", by_id, note, ${ms('at')} as at_ms, xmin::text as tx from work_order_transition
          where work_order_id = ?`,
        [wo.id],
      );
      expect(history).toEqual([
        {
          from: null,
          to: 'OPEN',
          by_id: operatorId,
          note: `opened from ${filed.number}`,
          at_ms: row.created_ms,
          tx: row.tx,
        },
      ]);
      const outbox = await sql<{ topic: string; tx: string }>(
        'select topic, xmin::text as tx from outbox_event where subject_id = ?',
        [wo.id],
      );
      expect(outbox).toEqual([{ topic: 'WORK_ORDER_OPENED', tx: expect.any(String) }]);
      const audit = await sql<{ after: Record<string, unknown>; tx: string; staff_id: string }>(
        `select after, staff_id, xmin::text as tx from audit_entry where action = 'serviceRequest.create' and entity_id = ?`,
        [filed.id],
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ staff_id: operatorId, tx: row.tx });
      expect(audit[0].after).toMatchObject({ id: filed.id, number: filed.number, workOrder: wo.id });
      // the outbox row is marked published after the commit, so its xmin is the publisher's; it was
      // inserted by the same transaction if it exists with the work order and nothing else wrote it
      await platform.settle();
      const [published] = await sql<{ published: boolean }>(
        'select published_at is not null as published from outbox_event where subject_id = ?',
        [wo.id],
      );
      expect(published.published).toBe(true);
      // and no notification: only complaints are routed to the hotline manager
      expect(await sql('select 1 from notification where work_order_id = ?', [wo.id])).toEqual([]);
    });

    it('department and priority as given, else by category (REPAIR → ENGINEERING, others → CUSTOMER_SERVICE) and NORMAL', async () => {
      const given = await fileRequest(tokens.operator, {
        category: 'BUSINESS',
        description: '装修许可 renovation permit',
        unitId: hgUnit,
        department: 'SECURITY',
        priority: 'URGENT',
      });
      expect(given.workOrder).toMatchObject({ department: 'SECURITY', priority: 'URGENT' });
      for (const category of ['BUSINESS', 'COMPLAINT', 'INQUIRY']) {
        const filed = await fileRequest(tokens.operator, {
          category,
          description: `${category} by default`,
          unitId: hgUnit,
        });
        expect(filed.workOrder).toMatchObject({ department: 'CUSTOMER_SERVICE', priority: 'NORMAL' });
      }
    });

    it('a complaint is also routed to the hotline manager of its site, in the same transaction', async () => {
      const filed = await fileRequest(tokens.operator, {
        category: 'COMPLAINT',
        description: '保洁不及时 cleaning is late',
        residentId: resident.id,
        unitId: hgUnit,
      });
      const notices = await sql<Record<string, unknown>>(
        `select n.kind, n.recipient_role, n.site_id, n.xmin::text = w.xmin::text as same_tx
           from notification n join work_order w on w.id = n.work_order_id where w.id = ?`,
        [filed.workOrder!.id],
      );
      expect(notices).toEqual([
        { kind: 'COMPLAINT_FILED', recipient_role: 'HOTLINE_MANAGER', site_id: hgSiteId, same_tx: true },
      ]);
    });

    it('links must exist and be the caller’s to see (NOT_FOUND, nothing written); a unit and equipment of two sites are refused', async () => {
      const count = async () =>
        (
          await sql<{ n: string }>(
            'select (select count(*) from service_request) + (select count(*) from work_order) as n',
          )
        )[0].n;
      const before = await count();
      const otherOperatorsCall = await startCall(tokens.manager, newPhone()); // no site, not the operator's
      for (const link of [
        { callId: randomUUID() },
        { residentId: randomUUID() },
        { unitId: randomUUID() },
        { equipmentId: randomUUID() },
        { unitId: s2.unitId },
        { equipmentId: s2.equipmentId },
        { residentId: s2.residentId },
        { callId: otherOperatorsCall.id },
      ]) {
        const refused = await api(tokens.operator, deskOp('CreateServiceRequest'), {
          input: { category: 'REPAIR', description: 'x', ...link },
        });
        expect({ link, code: codeOf(refused) }).toEqual({ link, code: 'NOT_FOUND' });
      }
      const mixed = await api(tokens.manager, deskOp('CreateServiceRequest'), {
        input: { category: 'REPAIR', description: 'x', unitId: hgUnit, equipmentId: s2.equipmentId },
      });
      expect(codeOf(mixed)).toBe('BAD_USER_INPUT');
      const blank = await api(tokens.operator, deskOp('CreateServiceRequest'), {
        input: { category: 'REPAIR', description: '   ', unitId: hgUnit },
      });
      expect(codeOf(blank)).toBe('BAD_USER_INPUT');
      expect(await count()).toBe(before);
    });

    it('a resident need not live in the unit: both links kept, the site is the unit’s', async () => {
      const neighbour = await buildResident(platform.orm, { unitIds: [hgUnit2] });
      const filed = await fileRequest(tokens.operator, {
        category: 'REPAIR',
        description: '楼上漏水 leak from the flat above',
        residentId: neighbour.id,
        unitId: hgUnit,
      });
      const [row] = await sql<Record<string, string>>(
        'select resident_id, unit_id, site_id from service_request where id = ?',
        [filed.id],
      );
      expect(row).toEqual({ resident_id: neighbour.id, unit_id: hgUnit, site_id: hgSiteId });
    });

    it('a workOrderOpened subscriber gets the request’s work order once the transaction has committed', async () => {
      const client = wsClient(url, tokens.supervisor);
      try {
        const stream = collect<{ workOrderOpened: { id: string; source: string; status: string } }>(
          client,
          'subscription { workOrderOpened { id source status } }',
        );
        await new Promise((resolve) => setTimeout(resolve, 300)); // the subscription is registered
        const filed = await fileRequest(tokens.operator, {
          category: 'REPAIR',
          description: 'door lock',
          unitId: hgUnit,
        });
        const [event] = await stream.next(1);
        expect(event.workOrderOpened).toEqual({ id: filed.workOrder!.id, source: 'SERVICE_REQUEST', status: 'OPEN' });
      } finally {
        await client.dispose();
      }
    });
  });

  describe('lists', () => {
    it('calls and serviceRequests filter, page, and answer their relations', async () => {
      const phone = newPhone();
      const caller = await buildResident(platform.orm, { phone, unitIds: [hgUnit2] });
      const first = await startCall(tokens.operator, phone);
      const second = await startCall(tokens.operator, phone);
      await ok(tokens.operator, deskOp('EndCall'), { id: first.id });
      const repair = await fileRequest(tokens.operator, {
        category: 'REPAIR',
        description: 'light out',
        callId: second.id,
        residentId: caller.id,
        unitId: hgUnit2,
        equipmentId: hgEquipment,
      });
      const answered = await fileRequest(tokens.operator, {
        category: 'INQUIRY',
        description: 'opening hours',
        answer: '8:00-20:00',
        callId: second.id,
        residentId: caller.id,
      });

      type Calls = {
        calls: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          nodes: Array<Record<string, unknown>>;
        };
      };
      const CALLS = `query($f: CallFilter, $first: Int, $after: String) { calls(filter: $f, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes { id phone operator { username } matchedResidents { id } requests { id number category status } } } }`;
      const byPhone = await ok<Calls>(tokens.operator, CALLS, { f: { phone: typed(phone) } });
      expect(byPhone.calls.nodes.map((c) => c.id)).toEqual([second.id, first.id]);
      expect(byPhone.calls.nodes[0]).toEqual({
        id: second.id,
        phone,
        operator: { username: 'operator' },
        matchedResidents: [{ id: caller.id }],
        requests: [
          { id: repair.id, number: repair.number, category: 'REPAIR', status: 'OPEN' },
          { id: answered.id, number: answered.number, category: 'INQUIRY', status: 'CLOSED' },
        ],
      });
      const byResident = await ok<Calls>(tokens.operator, CALLS, { f: { residentId: caller.id, open: true } });
      expect(byResident.calls.nodes.map((c) => c.id)).toEqual([second.id]);
      const page1 = await ok<Calls>(tokens.operator, CALLS, { f: { residentId: caller.id }, first: 1 });
      expect(page1.calls).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
      const page2 = await ok<Calls>(tokens.operator, CALLS, {
        f: { residentId: caller.id },
        first: 1,
        after: page1.calls.pageInfo.endCursor,
      });
      expect(page2.calls.nodes.map((c) => c.id)).toEqual([first.id]);
      expect(page2.calls.pageInfo.hasNextPage).toBe(false);

      type Requests = { serviceRequests: { totalCount: number; nodes: Array<Record<string, unknown>> } };
      const REQUESTS = `query($f: ServiceRequestFilter) { serviceRequests(filter: $f, first: 10) { totalCount nodes {
        id number category status description answer closedAt department
        call { id } resident { id name } unit { id code } equipment { id } workOrder { id status } createdBy { username } } } }`;
      const ofResident = await ok<Requests>(tokens.operator, REQUESTS, { f: { residentId: caller.id } });
      expect(ofResident.serviceRequests.totalCount).toBe(2);
      expect(ofResident.serviceRequests.nodes.find((n) => n.id === repair.id)).toMatchObject({
        call: { id: second.id },
        resident: { id: caller.id, name: caller.name },
        unit: { id: hgUnit2, code: '1-102' },
        equipment: { id: hgEquipment },
        workOrder: { id: repair.workOrder!.id, status: 'OPEN' },
        createdBy: { username: 'operator' },
        department: 'ENGINEERING',
        closedAt: null,
      });
      expect(ofResident.serviceRequests.nodes.find((n) => n.id === answered.id)).toMatchObject({
        answer: '8:00-20:00',
        workOrder: null,
        unit: null,
        status: 'CLOSED',
      });
      const open = await ok<Requests>(tokens.operator, REQUESTS, { f: { callId: second.id, open: true } });
      expect(open.serviceRequests.nodes.map((n) => n.id)).toEqual([repair.id]);
      const inquiries = await ok<Requests>(tokens.operator, REQUESTS, {
        f: { residentId: caller.id, category: 'INQUIRY' },
      });
      expect(inquiries.serviceRequests.nodes.map((n) => n.id)).toEqual([answered.id]);
      const one = await ok<{ serviceRequest: { number: string } }>(
        tokens.operator,
        'query($id: ID!) { serviceRequest(id: $id) { number } }',
        { id: repair.id },
      );
      expect(one.serviceRequest.number).toBe(repair.number);
    });

    it('the calls and serviceRequests lists cost the same SQL statements for 2 or 12 rows (no N+1)', async () => {
      const phone = newPhone();
      const caller = await buildResident(platform.orm, { phone, unitIds: [hgUnit] });
      const addCalls = async (n: number) => {
        for (let i = 0; i < n; i++) {
          const call = await startCall(tokens.operator, phone);
          await fileRequest(tokens.operator, {
            category: 'REPAIR',
            description: `fault ${i}`,
            callId: call.id,
            residentId: caller.id,
            unitId: hgUnit,
            equipmentId: hgEquipment,
          });
        }
        await platform.settle();
      };
      const CALLS = `query($p: String) { calls(filter: { phone: $p }, first: 100) { totalCount nodes {
        id phone durationS operator { username } matchedResidents { id name } requests { id number status } } } }`;
      const REQUESTS = `query($r: ID) { serviceRequests(filter: { residentId: $r }, first: 100) { totalCount nodes {
        id call { id startedAt } resident { id name } unit { id code } equipment { id code } workOrder { id number }
        createdBy { username } } } }`;
      const knex = platform.orm.em.getConnection().getKnex();
      const statementsFor = async (query: string, variables: object) => {
        let n = 0;
        // the outbox relay's periodic sweep runs on its own; count only the request's statements
        const count = (q: { sql: string }) => {
          if (!q.sql.includes('outbox_event')) n++;
        };
        await ok(tokens.operator, query, variables); // the session is checked and cached before counting
        knex.on('query', count);
        const result = await api<Record<string, { totalCount: number }>>(tokens.operator, query, variables);
        knex.removeListener('query', count);
        expect(result.errors).toBeUndefined();
        return { n, rows: Object.values(result.data!)[0].totalCount };
      };
      await addCalls(2);
      const calls2 = await statementsFor(CALLS, { p: phone });
      const requests2 = await statementsFor(REQUESTS, { r: caller.id });
      expect(calls2).toMatchObject({ rows: 2 });
      expect(requests2).toMatchObject({ rows: 2 });
      expect(calls2.n).toBeGreaterThan(0); // the counter counts
      expect(requests2.n).toBeGreaterThan(0);
      await addCalls(10);
      const calls12 = await statementsFor(CALLS, { p: phone });
      const requests12 = await statementsFor(REQUESTS, { r: caller.id });
      expect(calls12).toEqual({ n: calls2.n, rows: 12 });
      expect(requests12).toEqual({ n: requests2.n, rows: 12 });
      // the page (not full: no count), then one statement per relation: operator, call_resident + residents, requests
      expect(calls12.n).toBe(5);
      // the page, then call, resident, unit, equipment, work order and createdBy: one statement each
      expect(requests12.n).toBe(7);
    });
  });
});
