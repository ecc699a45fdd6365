import { estateHourAfter } from '../../schema/callbacks/callback-timing';
import { OpenItemKind, type OpenItem } from '../../schema/desk/shifts/open-items/open-item';
import { addRow, newId, type DemoYear } from './demo-year-context';
import type { PlannedIncident } from './demo-year-incidents';
import { SHIFT_NOTES } from './demo-year-texts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * The hotline's handovers from `firstDay` to now, two a day: the day shift (08:00–20:00, the
 * demo `operator`) handed to the night (the `hotline-manager`) and back. Every one closed and
 * taken over a few minutes later, so none is waiting to be taken over; a shift that closed
 * while an incident was on hands it over (ACTIVE_INCIDENT). Returns how many.
 */
export function planShifts(
  year: DemoYear,
  firstDay: Date,
  incidents: PlannedIncident[],
  numbers: Map<string, string>,
): number {
  const random = year.random;
  const day = year.staff.operator!;
  const night = year.staff['hotline-manager']!;
  const latestTakeOver = new Map<string, Date>();
  let count = 0;
  for (let date = firstDay; date.getTime() < year.now.getTime(); date = estateHourAfter(date, 1, 0)) {
    for (const [hour, closedBy, takenOverBy] of [
      [8, night, day],
      [20, day, night],
    ] as const) {
      const closedAt = new Date(date.getTime() + hour * HOUR_MS + random() * 10 * MINUTE_MS);
      const takenOverAt = new Date(closedAt.getTime() + (1 + random() * 9) * MINUTE_MS);
      if (takenOverAt.getTime() > year.now.getTime() - MINUTE_MS) continue;
      const openItems: OpenItem[] = incidents
        .filter((i) => i.startedAt <= closedAt && i.endedAt > closedAt)
        .map((i) => ({
          kind: OpenItemKind.ACTIVE_INCIDENT,
          refId: i.id,
          summary: `${numbers.get(i.id) ?? ''} ${i.title}`.trim(),
        }));
      addRow(year, 'shift', {
        id: newId(),
        version: 2,
        closed_by_id: closedBy,
        site_id: year.siteId,
        opened_at: latestTakeOver.get(closedBy) ?? new Date(closedAt.getTime() - 12 * HOUR_MS),
        closed_at: closedAt,
        notes: openItems.length
          ? `停供处理中，见事件 Interruption ongoing: see the incident`
          : SHIFT_NOTES[Math.floor(random() * SHIFT_NOTES.length)],
        open_items: JSON.stringify(openItems),
        taken_over_by_id: takenOverBy,
        taken_over_at: takenOverAt,
      });
      latestTakeOver.set(takenOverBy, takenOverAt);
      count++;
    }
  }
  return count;
}
