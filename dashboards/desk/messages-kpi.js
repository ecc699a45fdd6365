/**
 * zh-CN and English of the supervisor's KPI page (kpi-view.js), merged into i18n.js's table:
 * one line per key, both languages side by side.
 */
// prettier-ignore
export const KPI_MESSAGES = {
  'tab.kpis': ['绩效考核', 'KPIs'],
  'kpi.title': ['服务绩效', 'Service KPIs'],
  'kpi.period': ['统计周期', 'Period'],
  'kpi.range.month': ['近30天', 'Last 30 days'],
  'kpi.range.quarter': ['近90天', 'Last 90 days'],
  'kpi.range.year': ['近12个月', 'Last 12 months'],
  'kpi.refresh': ['刷新', 'Refresh'],
  'kpi.loading': ['正在统计…', 'Counting…'],
  'kpi.failed': ['统计失败：{detail}', 'Could not count: {detail}'],
  'kpi.calls': ['来电', 'Calls'],
  'kpi.requests': ['服务请求', 'Requests'],
  'kpi.complaints': ['投诉', 'Complaints'],
  'kpi.workOrdersOpened': ['新开工单', 'Work orders opened'],
  'kpi.workOrdersClosed': ['关闭工单', 'Work orders closed'],
  'kpi.respondedInTimePct': ['及时响应率', 'Responded in time'],
  'kpi.resolvedInTimePct': ['及时解决率', 'Resolved in time'],
  'kpi.medianRespondMinutes': ['响应时长中位数', 'Median time to respond'],
  'kpi.medianResolveMinutes': ['解决时长中位数', 'Median time to resolve'],
  'kpi.callbacksDone': ['已完成回访', 'Callbacks done'],
  'kpi.callbacksOnTimePct': ['按时回访率', 'Callbacks on time'],
  'kpi.avgSatisfaction': ['平均满意度', 'Average satisfaction'],
  'kpi.incidents': ['停水停电等事件', 'Incidents'],
  'kpi.none': ['—', '—'],
  'kpi.minutes': ['{n} 分钟', '{n} min'],
  'kpi.hours': ['{n} 小时', '{n} h'],
  'kpi.byOperator': ['按值班员', 'By operator'],
  'kpi.byDepartment': ['按部门', 'By department'],
  'kpi.departmentWorkOrders': ['工单数', 'Work orders'],
  'kpi.operatorEmpty': ['本周期无来电和请求', 'No calls or requests in this period'],
  'kpi.departmentEmpty': ['本周期无工单', 'No work orders in this period'],
  'kpi.chartUnavailable': ['图表组件未加载', 'The chart library did not load'],
};
