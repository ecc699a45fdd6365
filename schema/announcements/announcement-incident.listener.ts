import type { EntityManager } from '@mikro-orm/postgresql';
import { EmergencyPlan, type AnnouncementTemplate } from '../facilities/emergency-plans/emergency-plan.entity';
import type { Incident } from '../incidents/incident.entity';
import { IncidentKind } from '../incidents/incident.enums';
import type { IncidentListener } from '../incidents/incident-listener';
import { Announcement } from './announcement.entity';
import { AnnouncementKind, AnnouncementStatus } from './announcement.enums';

/** What every announcement of an ended incident gains (Chinese first, as the notices are posted). */
export const RESTORED_NOTE = '已恢复供应 / Supply restored';

/** What every announcement of a planned stop called off before it started gains, by kind. */
export const CALLED_OFF_NOTES: Record<IncidentKind, string> = {
  [IncidentKind.WATER]: '已取消：本次计划停水不再进行 / Called off: this planned stop will not take place',
  [IncidentKind.ELECTRIC]: '已取消：本次计划停电不再进行 / Called off: this planned stop will not take place',
  [IncidentKind.HEATING]: '已取消：本次计划停暖不再进行 / Called off: this planned stop will not take place',
  [IncidentKind.OTHER]: '已取消：本次计划停止供应不再进行 / Called off: this planned stop will not take place',
};

/**
 * An incident's announcements (schema/incidents/incident-listener.ts). When it opens: a DRAFT
 * from its emergency plan's template (Chinese and English in one body) — or, for a planned or
 * manual incident without a plan, from its title and text for residents — addressed to the
 * incident's affected units, for a person to publish (`publishAnnouncement` with the incident
 * publishes this draft). When it ends: every announcement of it says supply is restored and
 * expires after `restoredGraceMs`, so the lobby shows "restored" for a while, then nothing. When
 * a planned stop is called off before it started: the same, saying it will not take place.
 */
export class AnnouncementIncidentListener implements IncidentListener {
  constructor(private readonly options: { restoredGraceMs: number } = { restoredGraceMs: 2 * 3600_000 }) {}

  async incidentOpened(em: EntityManager, incident: Incident, now: Date): Promise<void> {
    const existing = await em.count(Announcement, { incident: incident.id });
    if (existing > 0) return;
    const template = await templateOf(em, incident);
    const title = template ? `${template.titleZh} / ${template.title}` : incident.title;
    const body = template
      ? `${template.bodyZh}\n\n${template.body}`
      : incident.textForResidents?.trim() || incident.title;
    em.create(Announcement, {
      title: title.slice(0, 200),
      body,
      kind: incident.kind === IncidentKind.OTHER ? AnnouncementKind.NOTICE : AnnouncementKind.OUTAGE,
      status: AnnouncementStatus.DRAFT,
      site: incident.site,
      incident,
      publishAt: now,
      expiresAt: incident.endsAt,
      createdBy: null,
      createdAt: now,
    });
    await em.flush();
  }

  incidentEnded(em: EntityManager, incident: Incident, now: Date): Promise<void> {
    return this.closeNotices(em, incident, RESTORED_NOTE, now);
  }

  incidentCalledOff(em: EntityManager, incident: Incident, now: Date): Promise<void> {
    return this.closeNotices(em, incident, CALLED_OFF_NOTES[incident.kind], now);
  }

  /** Every announcement of the incident gains `note` (once) and expires after the grace period. */
  private async closeNotices(em: EntityManager, incident: Incident, note: string, now: Date): Promise<void> {
    const announcements = await em.find(Announcement, { incident: incident.id });
    const expiresAt = new Date(now.getTime() + this.options.restoredGraceMs);
    for (const announcement of announcements) {
      if (announcement.body.includes(note)) continue;
      announcement.body = `${announcement.body}\n\n${note} (${stamp(now)})`;
      // an expiry already earlier stays: the closing note never keeps a notice up longer than planned
      if (!announcement.expiresAt || announcement.expiresAt.getTime() > expiresAt.getTime())
        announcement.expiresAt = expiresAt;
    }
    await em.flush();
  }
}

/** The template of the emergency plan of the incident's alerts' faults (the first that has one). */
async function templateOf(em: EntityManager, incident: Incident): Promise<AnnouncementTemplate | null> {
  const alerts = await incident.alerts.loadItems();
  const codes = [...new Set(alerts.map((a) => a.faultCode))];
  if (!codes.length) return null;
  const plans = await em.find(EmergencyPlan, { faultCode: { $in: codes }, announcementTemplate: { $ne: null } });
  for (const code of codes) {
    const plan = plans.find((p) => p.faultCode === code);
    if (plan?.announcementTemplate) return plan.announcementTemplate;
  }
  return null;
}

/** Asia/Shanghai wall-clock time, as residents read it. */
function stamp(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
