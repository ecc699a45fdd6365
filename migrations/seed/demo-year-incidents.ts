import { AnnouncementKind, AnnouncementStatus } from '../../schema/announcements/announcement.enums';
import { RESTORED_NOTE } from '../../schema/announcements/announcement-incident.listener';
import { CallbackReason } from '../../schema/callbacks/callback.enums';
import { estateHourAfter } from '../../schema/callbacks/callback-timing';
import { Department } from '../../schema/facilities/emergency-plans/department.enum';
import { WorkOrderPriority, WorkOrderSource } from '../../schema/desk/work-orders/work-order.enums';
import { CallChannel } from '../../schema/hotline/calls/call-channel.enum';
import { RequestCategory } from '../../schema/hotline/requests/service-request.enums';
import { IncidentSource, IncidentStatus } from '../../schema/incidents/incident.enums';
import { planCallback } from './demo-year-callbacks';
import { planCall } from './demo-year-calls';
import { addRow, newId, type DemoYear } from './demo-year-context';
import { planWorkOrder } from './demo-year-work-orders';
import { DEMO_INCIDENTS, INCIDENT_CALLS } from './demo-year-incident-texts';
import { SITE_NOTICES } from './demo-year-texts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const MONTH_MS = 30.4 * 24 * HOUR_MS;
/** an ended incident's announcements say "restored" this long, then expire (as the listener does) */
const RESTORED_GRACE_MS = 2 * HOUR_MS;

/** An incident of the year: when it stopped the supply and when it came back. */
export interface PlannedIncident {
  id: string;
  startedAt: Date;
  endedAt: Date;
  title: string;
}

/**
 * The year's supply interruptions (demo-year-texts.ts DEMO_INCIDENTS), all ENDED: planned water
 * and power stops announced days ahead, manual ones opened by the hotline with the work order
 * that fixed them; each with its affected buildings and units, the calls residents made about it
 * (linked, their requests joined to it), their callbacks once it ended, and its announcement —
 * published, "supply restored" appended, expired.
 */
export function planIncidents(year: DemoYear): PlannedIncident[] {
  const random = year.random;
  return DEMO_INCIDENTS.map((plan) => {
    const id = newId();
    const planned = plan.source === IncidentSource.PLANNED;
    const day = estateHourAfter(new Date(year.now.getTime() - plan.monthsAgo * MONTH_MS), 0, 0);
    const startedAt = new Date(day.getTime() + (planned ? 9 : 7 + random() * 12) * HOUR_MS);
    const endsAt = planned ? new Date(startedAt.getTime() + plan.hours * HOUR_MS) : null;
    const endedAt = new Date(startedAt.getTime() + (plan.hours + (random() - 0.5)) * HOUR_MS);
    const createdAt = planned ? new Date(startedAt.getTime() - 3 * 24 * HOUR_MS) : startedAt;
    const openedBy = planned ? year.staff.supervisor! : year.staff.operator!;
    let workOrderId: string | null = null;
    if (!planned) {
      workOrderId = planWorkOrder(year, {
        bucket: 'work_order:incident',
        createdAt: new Date(startedAt.getTime() + 2 * MINUTE_MS),
        title: plan.title,
        priority: WorkOrderPriority.URGENT,
        source: WorkOrderSource.MANUAL,
        department: Department.ENGINEERING,
        respondMinutes: 15,
        resolveMinutes: 240,
        serviceRequestId: null,
        unitId: null,
        siteId: year.siteId,
        openedBy,
        openNote: 'opened for the interruption',
        residentId: null,
        complaint: false,
        resolvedAt: new Date(endedAt.getTime() - 5 * MINUTE_MS),
      }).id;
    }
    addRow(year, 'incident', {
      id,
      version: 3,
      number: null,
      title: plan.title,
      kind: plan.kind,
      status: IncidentStatus.ENDED,
      source: plan.source,
      planned,
      started_at: startedAt,
      ends_at: endsAt,
      ended_at: endedAt,
      end_note: plan.endNote,
      text_for_residents: plan.textForResidents,
      site_id: year.siteId,
      work_order_id: workOrderId,
      opened_by_id: openedBy,
      created_at: createdAt,
    });
    const units = plan.buildings.flatMap((code) => year.units.get(code) ?? []);
    for (const code of plan.buildings) {
      const building = year.buildings.get(code);
      if (building) addRow(year, 'incident_building', { incident_id: id, building_id: building });
    }
    for (const unit of units) addRow(year, 'incident_unit', { incident_id: id, unit_id: unit });
    const affected = year.occupants.filter((o) => plan.buildings.includes(o.buildingCode));
    const callers = new Set<string>();
    const calls = 2 + Math.floor(random() * 4);
    for (let i = 0; i < calls && affected.length; i++) {
      const occupant = affected[Math.floor(random() * affected.length)];
      const asked = INCIDENT_CALLS[plan.kind];
      const call = planCall(year, {
        startedAt: new Date(startedAt.getTime() + ((i + random()) / calls) * (endedAt.getTime() - startedAt.getTime())),
        occupant,
        channel: random() < 0.8 ? CallChannel.PHONE : CallChannel.WECHAT,
        category: RequestCategory.INQUIRY,
        text: asked.text,
        answer: asked.answer,
        incidentId: id,
      });
      addRow(year, 'call_incident', { incident_id: id, call_id: call.id });
      callers.add(occupant.residentId);
    }
    for (const residentId of callers)
      planCallback(year, {
        reason: CallbackReason.INCIDENT_ENDED,
        residentId,
        siteId: year.siteId,
        incidentId: id,
        after: endedAt,
        lowAllowed: false,
      });
    const body = `${plan.textForResidents}\n\n${RESTORED_NOTE} (${stamp(endedAt)})`;
    announce(year, {
      title: plan.title,
      body,
      kind: AnnouncementKind.OUTAGE,
      incidentId: id,
      publishAt: planned
        ? new Date(createdAt.getTime() + 30 * MINUTE_MS)
        : new Date(startedAt.getTime() + 20 * MINUTE_MS),
      expiresAt: new Date(endedAt.getTime() + RESTORED_GRACE_MS),
      createdBy: planned ? year.staff.supervisor : null,
      publishedBy: planned ? year.staff.supervisor : year.staff.operator,
      buildings: plan.buildings,
      units,
    });
    return { id, startedAt, endedAt, title: plan.title };
  });
}

/** The year's notices to the whole site (holidays, drills, the heating season): published, expired a week later. */
export function planSiteNotices(year: DemoYear): number {
  const everyUnit = [...year.units.values()].flat();
  for (const notice of SITE_NOTICES) {
    const publishAt = estateHourAfter(new Date(year.now.getTime() - notice.monthsAgo * MONTH_MS), 0, 9);
    announce(year, {
      title: notice.title,
      body: notice.body,
      kind: notice.event ? AnnouncementKind.EVENT : AnnouncementKind.NOTICE,
      incidentId: null,
      publishAt,
      expiresAt: new Date(publishAt.getTime() + 7 * 24 * HOUR_MS),
      createdBy: year.staff.supervisor,
      publishedBy: year.staff.supervisor,
      buildings: [],
      units: everyUnit,
    });
  }
  return SITE_NOTICES.length;
}

interface AnnouncementPlan {
  title: string;
  body: string;
  kind: AnnouncementKind;
  incidentId: string | null;
  publishAt: Date;
  expiresAt: Date;
  createdBy: string | null;
  publishedBy: string | null;
  /** building codes of its scope; none: the whole site */
  buildings: string[];
  /** the units it reached (its recipients, fixed when it was published) */
  units: string[];
}

function announce(year: DemoYear, plan: AnnouncementPlan): void {
  const id = newId();
  addRow(year, 'announcement', {
    id,
    version: 3,
    title: plan.title.slice(0, 200),
    body: plan.body,
    kind: plan.kind,
    status: AnnouncementStatus.PUBLISHED,
    site_id: year.siteId,
    whole_site: plan.buildings.length === 0,
    incident_id: plan.incidentId,
    publish_at: plan.publishAt,
    expires_at: plan.expiresAt,
    created_by_id: plan.createdBy,
    published_by_id: plan.publishedBy,
    created_at: new Date(plan.publishAt.getTime() - 10 * MINUTE_MS),
  });
  for (const code of plan.buildings) {
    const building = year.buildings.get(code);
    if (building) addRow(year, 'announcement_building', { announcement_id: id, building_id: building });
  }
  for (const unit of plan.units) addRow(year, 'announcement_unit', { announcement_id: id, unit_id: unit });
}

/** Asia/Shanghai wall-clock time, as residents read it (as the listener writes it). */
function stamp(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR_MS).toISOString().slice(0, 16).replace('T', ' ');
}
