import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkOrder } from '../desk/work-orders/work-order.entity';
import { Building } from '../estate/buildings/building.entity';
import { Unit } from '../estate/units/unit.entity';
import { EmergencyPlan } from '../facilities/emergency-plans/emergency-plan.entity';
import type { Equipment } from '../facilities/equipment/equipment.entity';
import { EquipmentSystem } from '../facilities/equipment/equipment-system.enum';
import { servedUnitsSql } from '../facilities/equipment/equipment-serves.service';
import type { Alert } from '../monitoring/alerts/alert.entity';
import { OutboxEvent, OutboxTopic } from '../monitoring/outbox/outbox-event.entity';
import type { PublishedEvent } from '../monitoring/outbox/outbox.relay';
import { Incident } from './incident.entity';
import { IncidentKind, IncidentSource, IncidentStatus } from './incident.enums';
import type { IncidentListener } from './incident-listener';
import { nextIncidentNumber } from './incident-number';

const KIND_OF_SYSTEM: Record<EquipmentSystem, IncidentKind> = {
  [EquipmentSystem.WATER]: IncidentKind.WATER,
  [EquipmentSystem.ELECTRIC]: IncidentKind.ELECTRIC,
  [EquipmentSystem.HEATING]: IncidentKind.HEATING,
};

/** An INCIDENT_CHANGED outbox row in the change's transaction: the caller publishes it after the commit. */
export function incidentChanged(em: EntityManager, incident: Incident): PublishedEvent {
  const event = em.create(OutboxEvent, { topic: OutboxTopic.INCIDENT_CHANGED, subjectId: incident.id });
  return { event, subject: incident };
}

/**
 * Incidents the building opens and ends itself, inside the alert path's transaction
 * (schema/monitoring/alerts/alert.service.ts) and the work order's (work-order-transition.service.ts).
 */
export class IncidentsFromAlerts {
  constructor(
    private readonly listeners: readonly IncidentListener[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * A new alert whose plan interrupts supply opens an incident on the units its equipment serves,
   * linked to the alert and its work order — or joins the ACTIVE alert-opened incident of the
   * same kind on the same supply (an alert of the same equipment in it, or an affected unit in
   * common) instead, adding any units it did not cover yet. A transaction-scoped advisory lock per
   * site makes two alerts raised at once on two connections (or instances) open one incident.
   */
  async alertRaised(
    em: EntityManager,
    alert: Alert,
    equipment: Equipment,
    workOrder: WorkOrder,
  ): Promise<PublishedEvent | null> {
    // the plan the work order was opened from (work-order.service.ts read it in this transaction):
    // no second round trip on the alert path, which the desk waits on
    const opened = workOrder.emergencyPlan;
    const plan =
      opened && opened.isInitialized()
        ? opened.getEntity()
        : await em.findOne(EmergencyPlan, { faultCode: alert.faultCode }, { filters: false });
    if (!plan?.interruptsSupply) return null;
    const building = equipment.building.getEntity();
    const siteId = building.site.id;
    const kind = KIND_OF_SYSTEM[equipment.system] ?? IncidentKind.OTHER;
    await em.execute(`select pg_advisory_xact_lock(hashtext('incident-open:' || ?))`, [siteId]);
    const unitIds = (
      await em.execute<Array<{ unit_id: string }>>(servedUnitsSql('?'), [equipment.id, equipment.id, equipment.id])
    ).map((r) => r.unit_id);
    const [joined] = await em.execute<Array<{ id: string }>>(
      `select i.id from incident i
        where i.site_id = ? and i.status = 'ACTIVE' and i.source = 'ALERT' and i.kind = ?::incident_kind
          and (exists (select 1 from incident_alert ia join alert a on a.id = ia.alert_id
                        where ia.incident_id = i.id and a.equipment_id = ?)
               or exists (select 1 from incident_unit iu where iu.incident_id = i.id and iu.unit_id = any(?::uuid[])))
        order by i.started_at, i.id limit 1`,
      [siteId, kind, equipment.id, `{${unitIds.join(',')}}`],
    );
    if (joined) {
      await em.execute(`insert into incident_alert (incident_id, alert_id) values (?, ?)`, [joined.id, alert.id]);
      if (unitIds.length) {
        await em.execute(
          `insert into incident_unit (incident_id, unit_id) select ?::uuid, u from unnest(?::uuid[]) u on conflict do nothing`,
          [joined.id, `{${unitIds.join(',')}}`],
        );
        await em.execute(
          `insert into incident_building (incident_id, building_id)
           select distinct ?::uuid, u.building_id from unit u where u.id = any(?::uuid[]) on conflict do nothing`,
          [joined.id, `{${unitIds.join(',')}}`],
        );
      }
      await em.execute(`update incident set version = version + 1 where id = ?`, [joined.id]);
      const incident = await em.findOneOrFail(Incident, { id: joined.id }, { filters: false, refresh: true });
      return incidentChanged(em, incident);
    }
    const now = this.now();
    const units = unitIds.length ? await em.find(Unit, { id: { $in: unitIds } }, { filters: false }) : [];
    const buildingIds = [...new Set([building.id, ...units.map((u) => u.building.id)])];
    const template = plan.announcementTemplate;
    const incident = em.create(Incident, {
      number: await nextIncidentNumber(em, now),
      title: `${plan.title} — ${building.code} ${equipment.name}`.slice(0, 200),
      kind,
      status: IncidentStatus.ACTIVE,
      source: IncidentSource.ALERT,
      planned: false,
      startedAt: alert.raisedAt,
      textForResidents: template ? `${template.bodyZh}\n${template.body}` : null,
      site: building.site,
      workOrder: ref(workOrder),
      openedBy: null,
      createdAt: now,
    });
    incident.buildings.set(buildingIds.map((id) => em.getReference(Building, id)));
    incident.affectedUnits.set(units);
    incident.alerts.add(alert);
    await em.flush();
    for (const l of this.listeners) await l.incidentOpened?.(em, incident, now);
    return incidentChanged(em, incident);
  }

  /**
   * Ends every alert-opened incident among `where` whose alerts have all cleared and whose work
   * order is RESOLVED, VERIFIED or CLOSED. The incidents are locked first, so a clear and a
   * resolution committing at once on two connections cannot both miss the other: the second
   * waits for the first and then sees its change. Returns the incidents it ended.
   */
  async endWhenDone(
    em: EntityManager,
    where: { alertIds?: readonly string[]; workOrderId?: string },
  ): Promise<PublishedEvent[]> {
    const candidates = await em.execute<Array<{ id: string }>>(
      `select i.id from incident i
        where i.status = 'ACTIVE' and i.source = 'ALERT'
          and (i.work_order_id = ? or i.id in (select incident_id from incident_alert where alert_id = any(?::uuid[])))
        order by i.id for update`,
      [where.workOrderId ?? null, `{${(where.alertIds ?? []).join(',')}}`],
    );
    if (candidates.length === 0) return [];
    const now = this.now();
    const ended = await em.execute<Array<{ id: string }>>(
      `update incident i set status = 'ENDED', ended_at = ?, version = version + 1,
              end_note = 'ended by itself: its alerts cleared and its work order was resolved'
        where i.id = any(?::uuid[]) and i.status = 'ACTIVE'
          and not exists (select 1 from incident_alert ia join alert a on a.id = ia.alert_id
                           where ia.incident_id = i.id and a.cleared_at is null)
          and exists (select 1 from work_order w where w.id = i.work_order_id
                       and w.status in ('RESOLVED', 'VERIFIED', 'CLOSED'))
        returning i.id`,
      [now, `{${candidates.map((c) => c.id).join(',')}}`],
    );
    if (ended.length === 0) return [];
    const incidents = await em.find(
      Incident,
      { id: { $in: ended.map((e) => e.id) } },
      { filters: false, refresh: true },
    );
    for (const incident of incidents) for (const l of this.listeners) await l.incidentEnded?.(em, incident, now);
    return incidents.map((incident) => incidentChanged(em, incident));
  }
}
