import type { FilterQuery, MikroORM } from '@mikro-orm/postgresql';
import { Building } from '../estate/buildings/building.entity';
import { Unit } from '../estate/units/unit.entity';
import { Announcement } from './announcement.entity';
import type { AnnouncementKind } from './announcement.enums';
import { currentAt } from './announcement.service';

/** What a resident app or a lobby screen gets: the notice, never who wrote it. */
export interface FeedItem {
  id: string;
  title: string;
  body: string;
  kind: AnnouncementKind;
  publishAt: string;
  expiresAt: string | null;
}

export interface UnitFeed {
  unit: { id: string; code: string; building: string };
  generatedAt: string;
  announcements: FeedItem[];
}

export interface BuildingNotices {
  building: { id: string; code: string; name: string };
  generatedAt: string;
  announcements: FeedItem[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** the most notices one feed or page lists (a lobby shows a handful) */
const FEED_LIMIT = 50;

/**
 * The public side of announcements: the current notices of a unit (JSON feed) and of a
 * building (the printable page). Public on purpose — they hold only what is posted in the
 * lobby anyway (title, body, kind, times; no staff, no residents, no incident internals) and a
 * unit is named by its unguessable id. Answers are cached per unit/building for `cacheMs`, so
 * however often a screen polls, the database sees at most one query per key per period.
 */
export class AnnouncementFeedService {
  private readonly cache = new Map<string, { at: number; value: unknown }>();

  constructor(
    private readonly orm: MikroORM,
    private readonly options: { cacheMs: number; maxCachedKeys: number } = { cacheMs: 30_000, maxCachedKeys: 10_000 },
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** null: no such unit */
  forUnit(unitId: string): Promise<UnitFeed | null> {
    if (!UUID.test(unitId)) return Promise.resolve(null);
    return this.cached(`unit:${unitId}`, async () => {
      const em = this.orm.em.fork();
      const unit = await em.findOne(Unit, { id: unitId }, { populate: ['building'] });
      if (!unit) return null;
      const now = this.now();
      const rows = await em.find(
        Announcement,
        { $and: [{ recipients: { $some: { id: unitId } } }, currentAt(now)] },
        { orderBy: { publishAt: 'desc', id: 'desc' }, limit: FEED_LIMIT },
      );
      return {
        unit: { id: unit.id, code: unit.code, building: unit.building.getEntity().code },
        generatedAt: now.toISOString(),
        announcements: rows.map(feedItem),
      };
    });
  }

  /**
   * The notices of a building's lobby page: those addressed to the whole building — its site,
   * the building itself, or an incident affecting it — never one addressed only to named units
   * (an arrears or leak notice to one flat reaches that flat's feed only). null: no such building.
   */
  forBuilding(buildingId: string): Promise<BuildingNotices | null> {
    if (!UUID.test(buildingId)) return Promise.resolve(null);
    return this.cached(`building:${buildingId}`, async () => {
      const em = this.orm.em.fork();
      const building = await em.findOne(Building, { id: buildingId });
      if (!building) return null;
      const now = this.now();
      const rows = await em.find(
        Announcement,
        { $and: [onBuildingPage(buildingId, building.site.id), currentAt(now)] },
        { orderBy: { publishAt: 'desc', id: 'desc' }, limit: FEED_LIMIT },
      );
      return {
        building: { id: building.id, code: building.code, name: building.name },
        generatedAt: now.toISOString(),
        announcements: rows.map(feedItem),
      };
    });
  }

  /** Forgets every cached answer (tests; a publish does not wait for the period to pass otherwise). */
  clear(): void {
    this.cache.clear();
  }

  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const at = Date.now();
    const hit = this.cache.get(key);
    if (hit && at - hit.at < this.options.cacheMs) return hit.value as T;
    const value = await load();
    if (this.cache.size >= this.options.maxCachedKeys) this.cache.clear();
    this.cache.set(key, { at, value });
    return value;
  }
}

/**
 * A notice for everyone in the building: to its whole site, to it (its `buildings` scope), or to
 * an incident affecting it when no explicit scope narrows the notice (materialiseRecipients in
 * announcement-scope.ts addresses such a notice to the incident's affected units).
 */
function onBuildingPage(buildingId: string, siteId: string): FilterQuery<Announcement> {
  return {
    $or: [
      { wholeSite: true, site: siteId },
      { buildings: { $some: { id: buildingId } } },
      {
        wholeSite: false,
        buildings: { $none: {} },
        units: { $none: {} },
        incident: { buildings: { $some: { id: buildingId } } },
      },
    ],
  };
}

function feedItem(row: Announcement): FeedItem {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    kind: row.kind,
    publishAt: row.publishAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}
