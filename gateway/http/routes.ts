import path from 'node:path';
import express, { type Express } from 'express';
import type { Registry } from 'prom-client';
import type { AnnouncementFeedService } from '../../schema/announcements/announcement-feed.service';
import { PRINT_CSS, renderBuildingNotices } from '../../schema/announcements/announcement-print';

export type ReadinessCheck = () => Promise<boolean>;

const DESK_DIR = path.resolve(__dirname, '../../dashboards/desk');
const MODULES = path.resolve(__dirname, '../../node_modules');
/** Browser builds of the desk's two libraries, served from the installed packages. */
const VENDOR: Record<string, string> = {
  'graphql-ws.js': path.join(MODULES, 'graphql-ws/umd/graphql-ws.min.js'),
  'chart.js': path.join(MODULES, 'chart.js/dist/chart.umd.min.js'),
};

/** The plain HTTP endpoints (README "Endpoints"): /healthz, /readyz, /metrics, and the desk at /desk/. */
export function mountRoutes(
  app: Express,
  options: { metrics: Registry; readiness: Record<string, ReadinessCheck>; announcements?: AnnouncementFeedService },
): void {
  app.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });

  // 200 only when every dependency answers; else 503 naming the ones that do not (README "Endpoints")
  app.get('/readyz', async (_req, res) => {
    const entries = await Promise.all(
      Object.entries(options.readiness).map(async ([name, check]) => [name, await check().catch(() => false)] as const),
    );
    const down = entries.filter(([, ok]) => !ok).map(([name]) => name);
    res.status(down.length ? 503 : 200).json({
      status: down.length ? 'unavailable' : 'ready',
      checks: Object.fromEntries(entries.map(([name, ok]) => [name, ok ? 'up' : 'down'])),
      ...(down.length ? { down } : {}),
    });
  });

  app.get('/metrics', async (_req, res) => {
    res.type(options.metrics.contentType).send(await options.metrics.metrics());
  });

  if (options.announcements) mountAnnouncements(app, options.announcements);

  app.get('/desk/vendor/:file', (req, res) => {
    const file = VENDOR[req.params.file];
    if (!file) {
      res.status(404).end();
      return;
    }
    res.type('application/javascript').sendFile(file, { maxAge: '1d' });
  });
  app.use('/desk', express.static(DESK_DIR, { index: 'index.html', extensions: ['html'] }));
  app.get('/', (_req, res) => res.redirect('/desk/'));
}

/**
 * A unit's current announcements as JSON (a resident app, a lobby screen) and a building's as a
 * printable page: public, like the notice board they replace — only what is posted, no personal
 * data (schema/announcements/announcement-feed.service.ts, which also caches each answer).
 */
function mountAnnouncements(app: Express, feed: AnnouncementFeedService): void {
  app.get('/feeds/units/:unitId/announcements.json', async (req, res, next) => {
    try {
      const body = await feed.forUnit(req.params.unitId);
      res.set('Access-Control-Allow-Origin', '*');
      if (!body) {
        res.status(404).json({ error: 'unit not found' });
        return;
      }
      res.set('Cache-Control', 'public, max-age=30').json(body);
    } catch (error) {
      next(error);
    }
  });
  app.get('/print/announcements.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(PRINT_CSS);
  });
  app.get('/print/buildings/:buildingId/announcements', async (req, res, next) => {
    try {
      const notices = await feed.forBuilding(req.params.buildingId);
      if (!notices) {
        res.status(404).type('text/plain').send('building not found');
        return;
      }
      res.type('html').set('Cache-Control', 'public, max-age=30').send(renderBuildingNotices(notices));
    } catch (error) {
      next(error);
    }
  });
}
