/**
 * zh-CN and English for the desk. One line per key, both languages side by side so a
 * missing translation shows. `t(key, params)` fills `{name}` placeholders; dates, numbers
 * and relative times are formatted with Intl in the current language.
 */
import { SERVICE_DESK_MESSAGES } from './messages-service-desk.js';
import { RESIDENT_LOOP_MESSAGES } from './messages-resident-loop.js';
import { KPI_MESSAGES } from './messages-kpi.js';

const LANGS = ['zh-CN', 'en'];
const STORAGE_KEY = 'facilitydesk.desk.lang';

// prettier-ignore
const MESSAGES = {
  'app.title': ['大厦监控台', 'Building monitoring desk'],
  'app.centre': ['物业客服中心', 'Property customer service centre'],
  'lang.switch': ['English', '中文'],
  'lang.switchLabel': ['Switch to English', '切换到中文'],
  'login.title': ['登录监控台', 'Sign in to the desk'],
  'login.username': ['用户名', 'Username'],
  'login.password': ['密码', 'Password'],
  'login.submit': ['登录', 'Sign in'],
  'login.submitting': ['正在登录…', 'Signing in…'],
  'login.required': ['请输入用户名和密码', 'Enter your username and password'],
  'login.invalid': ['用户名或密码错误', 'Wrong username or password'],
  'login.failed': ['登录失败：{detail}', 'Sign-in failed: {detail}'],
  'login.expired': ['登录已过期，请重新登录', 'Your session has expired. Please sign in again.'],
  'login.loggedOut': ['已退出登录', 'You have signed out.'],
  'header.operator': ['值班员', 'Operator'],
  'header.logout': ['退出', 'Sign out'],
  'header.sound': ['提示音', 'Sound'],
  'header.soundOn': ['提示音：开', 'Sound: on'],
  'header.soundOff': ['提示音：关', 'Sound: off'],
  'conn.connected': ['实时连接正常', 'Live'],
  'conn.reconnecting': ['正在重新连接…', 'Reconnecting…'],
  'conn.offline': ['已断开', 'Offline'],
  'error.network': ['无法连接服务器，正在重试', 'Cannot reach the server, retrying'],
  'error.query': ['查询出错：{detail}', 'Query error: {detail}'],
  'error.retry': ['重试', 'Retry'],
  'error.ackFailed': ['确认失败：{detail}', 'Acknowledge failed: {detail}'],
  'alerts.title': ['当前报警', 'Active alarms'],
  'alerts.unacked': ['未确认 {count}', '{count} unacknowledged'],
  'alerts.empty': ['暂无报警，系统运行正常', 'No active alarms — all systems normal'],
  'alerts.loading': ['正在加载报警…', 'Loading alarms…'],
  'alerts.loadFailed': ['报警列表加载失败', 'Could not load the alarm list'],
  'alerts.truncated': ['仅显示 {shown} / {total} 条', 'Showing {shown} of {total}'],
  'col.severity': ['级别', 'Severity'],
  'col.fault': ['故障', 'Fault'],
  'col.equipment': ['设备', 'Equipment'],
  'col.building': ['楼栋', 'Building'],
  'col.raisedAt': ['发生时间', 'Raised at'],
  'col.occurrences': ['次数', 'Count'],
  'col.status': ['状态', 'Status'],
  'col.workOrder': ['工单', 'Work order'],
  'col.action': ['操作', 'Action'],
  'ack.button': ['确认', 'Acknowledge'],
  'ack.title': ['确认报警', 'Acknowledge alarm'],
  'ack.note': ['备注（可选）', 'Note (optional)'],
  'ack.confirm': ['确认报警', 'Acknowledge'],
  'ack.cancel': ['取消', 'Cancel'],
  'wo.title': ['已开工单', 'Opened work orders'],
  'wo.empty': ['暂无未完成工单', 'No open work orders'],
  'wo.loadFailed': ['工单列表加载失败', 'Could not load work orders'],
  'wo.due': ['时限', 'Due'],
  'wo.overdue': ['已超时 {duration}', 'Overdue by {duration}'],
  'wo.remaining': ['剩余 {duration}', '{duration} left'],
  'wo.none': ['未开工单', 'No work order'],
  'detail.close': ['关闭', 'Close'],
  'detail.workOrder': ['工单', 'Work order'],
  'detail.alarm': ['报警', 'Alarm'],
  'detail.status': ['状态', 'Status'],
  'detail.priority': ['优先级', 'Priority'],
  'detail.department': ['责任部门', 'Department'],
  'detail.source': ['来源', 'Source'],
  'detail.createdAt': ['开单时间', 'Opened at'],
  'detail.dueAt': ['处理时限', 'Due at'],
  'detail.plan': ['应急预案', 'Emergency plan'],
  'detail.response': ['{minutes} 分钟内响应', 'respond within {minutes} min'],
  'detail.steps': ['处置步骤', 'Steps'],
  'detail.noSteps': ['无处置步骤', 'No steps'],
  'detail.noWorkOrder': ['该报警尚未开工单', 'No work order has been opened for this alarm'],
  'detail.loading': ['正在加载…', 'Loading…'],
  'detail.message': ['描述', 'Message'],
  'detail.lastValue': ['最新值', 'Last value'],
  'detail.occurrences': ['次数', 'Occurrences'],
  'detail.clearedAt': ['恢复时间 {time}', 'Cleared at {time}'],
  'detail.acknowledgedAt': ['确认时间 {time}', 'Acknowledged at {time}'],
  'chart.title': ['近一小时遥测：{metric}', 'Telemetry, last hour: {metric}'],
  'chart.titlePlain': ['遥测曲线', 'Telemetry'],
  'chart.none': ['设备离线，无遥测曲线', 'Device offline: no telemetry to chart'],
  'chart.unknown': ['此故障无对应的遥测指标', 'No telemetry metric for this fault'],
  'chart.empty': ['近一小时无数据', 'No readings in the last hour'],
  'chart.failed': ['遥测加载失败：{detail}', 'Could not load telemetry: {detail}'],
  'chart.unavailable': ['图表组件未加载', 'Chart library not loaded'],
  'sev.CRITICAL': ['紧急', 'Critical'], 'sev.MAJOR': ['重要', 'Major'],
  'sev.MINOR': ['次要', 'Minor'], 'sev.WARNING': ['提示', 'Warning'],
  'status.ACTIVE_UNACK': ['未确认', 'Unacknowledged'], 'status.ACTIVE_ACK': ['已确认', 'Acknowledged'],
  'status.CLEARED_UNACK': ['已恢复·未确认', 'Cleared, unacknowledged'], 'status.CLEARED': ['已恢复', 'Cleared'],
  'status.SHELVED': ['已搁置', 'Shelved'],
  'wos.OPEN': ['待派工', 'Open'], 'wos.DISPATCHED': ['已派工', 'Dispatched'], 'wos.IN_PROGRESS': ['处理中', 'In progress'],
  'wos.RESOLVED': ['已处理', 'Resolved'], 'wos.VERIFIED': ['已验证', 'Verified'], 'wos.CLOSED': ['已关闭', 'Closed'],
  'wos.CANCELLED': ['已取消', 'Cancelled'],
  'dept.ENGINEERING': ['工程部', 'Engineering'], 'dept.SECURITY': ['秩序维护部', 'Security'],
  'dept.ENVIRONMENT': ['环境部', 'Environment'], 'dept.CUSTOMER_SERVICE': ['客服中心', 'Customer service'],
  'src.SERVICE_REQUEST': ['报事报修', 'Service request'], 'src.ALERT': ['监控报警', 'Alarm'],
  'src.MAINTENANCE_PLAN': ['维保计划', 'Maintenance plan'], 'src.INSPECTION': ['巡检', 'Inspection'], 'src.MANUAL': ['人工', 'Manual'],
  'prio.URGENT': ['特急', 'Urgent'], 'prio.HIGH': ['高', 'High'], 'prio.NORMAL': ['普通', 'Normal'], 'prio.LOW': ['低', 'Low'],
  'role.MANAGER': ['经理', 'Manager'], 'role.SUPERVISOR': ['主管', 'Supervisor'],
  'role.RELATIONS_OFFICER': ['客户关系专员', 'Relations officer'], 'role.AFFAIRS_OFFICER': ['事务专员', 'Affairs officer'],
  'role.HOTLINE_MANAGER': ['热线主管', 'Hotline manager'], 'role.HOTLINE_OPERATOR': ['热线接线员', 'Hotline operator'],
  'role.TECHNICIAN': ['技术员', 'Technician'],
  'sys.WATER': ['供水', 'Water'], 'sys.ELECTRIC': ['供电', 'Electric'], 'sys.HEATING': ['供暖', 'Heating'],
  'fault.WATER_PRESSURE_LOW': ['供水压力低', 'Water pressure low'],
  'fault.WATER_PRESSURE_HIGH': ['供水压力高', 'Water pressure high'],
  'fault.WATER_LEAK': ['漏水', 'Water leak'],
  'fault.TANK_LEVEL_LOW': ['水箱液位低', 'Tank level low'],
  'fault.POWER_PHASE_LOSS': ['缺相', 'Power phase loss'],
  'fault.VOLTAGE_OUT_OF_RANGE': ['电压越限', 'Voltage out of range'],
  'fault.OVERCURRENT': ['过流', 'Overcurrent'],
  'fault.HEATING_SUPPLY_TEMP_HIGH': ['供水温度高 (供暖)', 'Heating supply temperature high'],
  'fault.HEATING_SUPPLY_TEMP_LOW': ['供水温度低 (供暖)', 'Heating supply temperature low'],
  'fault.HEATING_PRESSURE_LOW': ['供暖压力低', 'Heating pressure low'],
  'fault.DEVICE_OFFLINE': ['设备离线', 'Device offline'],
  'fault.LEAK_DETECTED': ['漏水探测器报警', 'Leak detected'],
  'fault.PUMP_FAULT': ['水泵故障', 'Pump fault'],
  'fault.BREAKER_TRIP': ['断路器跳闸', 'Breaker trip'],
  'fault.BOILER_FAULT': ['锅炉故障', 'Boiler fault'],
  'metric.pressure_kpa': ['压力 (kPa)', 'Pressure (kPa)'], 'metric.leak': ['漏水 (0/1)', 'Leak (0/1)'],
  'metric.level_pct': ['液位 (%)', 'Level (%)'], 'metric.voltage_l1_v': ['L1 电压 (V)', 'L1 voltage (V)'],
  'metric.current_l1_a': ['L1 电流 (A)', 'L1 current (A)'], 'metric.supply_temp_c': ['供水温度 (°C)', 'Supply temperature (°C)'],
  ...SERVICE_DESK_MESSAGES,
  ...RESIDENT_LOOP_MESSAGES,
  ...KPI_MESSAGES,
};

const listeners = new Set();
let lang = initialLang();

function initialLang() {
  const stored = safeStorage()?.getItem(STORAGE_KEY);
  if (LANGS.includes(stored)) return stored;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language ?? ''];
  return preferred.some((l) => /^zh\b/i.test(l)) ? 'zh-CN' : 'en';
}

function safeStorage() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: the language is simply not remembered
  }
}

export const getLang = () => lang;

/** Switches language, remembers it, and tells every view to re-render. */
export function setLang(next) {
  if (!LANGS.includes(next) || next === lang) return;
  lang = next;
  safeStorage()?.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  for (const listener of listeners) listener(next);
}

export const toggleLang = () => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN');

/** Subscribes to language changes; returns the unsubscribe function. */
export function onLangChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function t(key, params = {}) {
  const entry = MESSAGES[key];
  const text = entry ? entry[LANGS.indexOf(lang)] : key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Translates an enum value (`prefix.VALUE`), showing the raw value when there is no entry. */
export function tEnum(prefix, value) {
  if (value === null || value === undefined || value === '') return '—';
  return MESSAGES[`${prefix}.${value}`] ? t(`${prefix}.${value}`) : String(value);
}

/** A fault code's display name; unknown codes are shown as they are. */
export const faultName = (code) => tEnum('fault', code);

const fmtCache = new Map();
function dtf(options) {
  const key = lang + JSON.stringify(options);
  if (!fmtCache.has(key)) fmtCache.set(key, new Intl.DateTimeFormat(lang, options));
  return fmtCache.get(key);
}

/** Local wall-clock time: HH:mm:ss today, with the date on other days. */
export function formatTime(iso, { seconds = true } = {}) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(seconds ? { second: '2-digit' } : {}) };
  const today = date.toDateString() === new Date().toDateString();
  return dtf(today ? time : { month: '2-digit', day: '2-digit', ...time }).format(date);
}

/** HH:mm for chart labels (a category axis: Chart.js needs no date adapter). */
export const formatHourMinute = (iso) =>
  dtf({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/** "3 分钟前" / "3 min ago", relative to now. */
export function formatRelative(iso, now = Date.now()) {
  if (!iso) return '';
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' });
  const abs = Math.abs(seconds);
  if (abs < 45) return rtf.format(0, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}

/** A duration for countdowns: "1 小时 05 分" / "1 h 05 min"; seconds shown under ten minutes. */
export function formatDuration(ms) {
  const total = Math.floor(Math.abs(ms) / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (n) => String(n).padStart(2, '0');
  const zh = lang === 'zh-CN';
  if (h > 0) return zh ? `${h} 小时 ${pad(m)} 分` : `${h} h ${pad(m)} min`;
  if (m >= 10) return zh ? `${m} 分` : `${m} min`;
  return zh ? `${m} 分 ${pad(s)} 秒` : `${m} min ${pad(s)} s`;
}

export const formatNumber = (value, digits = 1) =>
  value === null || value === undefined
    ? '—'
    : new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value);

/** A due time as a countdown: `{ text: '剩余 12 分' | '已超时 3 分 05 秒', overdue }`. */
export function formatDue(iso, now = Date.now()) {
  if (!iso) return { text: '—', overdue: false };
  const left = new Date(iso).getTime() - now;
  const overdue = left < 0;
  return { text: t(overdue ? 'wo.overdue' : 'wo.remaining', { duration: formatDuration(left) }), overdue };
}
