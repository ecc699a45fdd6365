import type { BuildingNotices } from './announcement-feed.service';

/** The page's style, served as its own file (the Content-Security-Policy allows no inline style). */
export const PRINT_CSS = `
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem; color: #000; }
header { border-bottom: 2px solid #000; margin-bottom: 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 .3rem; }
.generated { font-size: .9rem; color: #444; }
article { border: 1px solid #000; padding: 1rem 1.2rem; margin-bottom: 1.2rem; break-inside: avoid; page-break-inside: avoid; }
article h2 { font-size: 1.4rem; margin: 0 0 .5rem; }
.kind { font-weight: bold; margin-right: .5rem; }
.body { white-space: pre-wrap; font-size: 1.1rem; line-height: 1.6; }
.times { font-size: .9rem; margin-top: .6rem; }
.none { font-size: 1.2rem; }
@media print { body { margin: 0; } @page { size: A4; margin: 15mm; } }
`;

const KIND_LABEL: Record<string, string> = {
  NOTICE: '通知 Notice',
  OUTAGE: '停供 Outage',
  EVENT: '活动 Event',
};

/**
 * A building's current notices as a page to print and pin in the lobby (Chinese and English),
 * times in Asia/Shanghai. Everything from the database is escaped.
 */
export function renderBuildingNotices(notices: BuildingNotices): string {
  const { building } = notices;
  const items = notices.announcements.length
    ? notices.announcements
        .map(
          (a) => `<article>
<h2><span class="kind">[${escapeHtml(KIND_LABEL[a.kind] ?? a.kind)}]</span>${escapeHtml(a.title)}</h2>
<div class="body">${escapeHtml(a.body)}</div>
<div class="times">发布 Published: ${shanghai(a.publishAt)}${a.expiresAt ? ` · 有效至 Valid until: ${shanghai(a.expiresAt)}` : ''}</div>
</article>`,
        )
        .join('\n')
    : '<p class="none">暂无公告 No current announcements.</p>';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>公告 Announcements — ${escapeHtml(building.name)}</title>
<link rel="stylesheet" href="/print/announcements.css">
</head>
<body>
<header>
<h1>${escapeHtml(building.name)} (${escapeHtml(building.code)}) 公告 / Announcements</h1>
<div class="generated">打印时间 Printed: ${shanghai(notices.generatedAt)}</div>
</header>
${items}
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function shanghai(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
