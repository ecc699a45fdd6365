import { IncidentKind, IncidentSource } from '../../schema/incidents/incident.enums';

/** Supply interruptions of the year: when (months before now), what, and how it was opened. */
export interface DemoIncidentPlan {
  monthsAgo: number;
  kind: IncidentKind;
  source: IncidentSource.PLANNED | IncidentSource.MANUAL;
  /** building codes it affects */
  buildings: string[];
  title: string;
  textForResidents: string;
  endNote: string;
  /** hours it lasted */
  hours: number;
}

const WATER_STOP =
  '因二次供水水箱清洗，届时暂停供水，请提前储水。 The water is off while the tanks are cleaned: please store some.';
const POWER_STOP =
  '因配电房检修，届时暂停供电，电梯停运。 The power is off for switchroom maintenance; the lifts stop.';

export const DEMO_INCIDENTS: DemoIncidentPlan[] = [
  {
    monthsAgo: 11.5,
    kind: IncidentKind.HEATING,
    source: IncidentSource.MANUAL,
    buildings: ['B1'],
    title: '1号楼供暖中断 Heating off in Building 1',
    textForResidents: '换热站循环泵故障，正在抢修。 The heat exchanger pump failed; repairs under way.',
    endNote: '更换循环泵 Pump replaced',
    hours: 9,
  },
  {
    monthsAgo: 10.6,
    kind: IncidentKind.WATER,
    source: IncidentSource.PLANNED,
    buildings: ['B1', 'B2'],
    title: '计划停水：水箱清洗 Planned water stop: tank cleaning',
    textForResidents: WATER_STOP,
    endNote: '清洗完成，水质检测合格 Cleaned, water tested',
    hours: 6,
  },
  {
    monthsAgo: 9.2,
    kind: IncidentKind.ELECTRIC,
    source: IncidentSource.MANUAL,
    buildings: ['B2'],
    title: '2号楼停电 Power cut in Building 2',
    textForResidents:
      '2号楼总开关跳闸，电工正在处理。 The main switch of Building 2 tripped; the electrician is on it.',
    endNote: '更换漏电保护器 Breaker replaced',
    hours: 3,
  },
  {
    monthsAgo: 8.4,
    kind: IncidentKind.WATER,
    source: IncidentSource.MANUAL,
    buildings: ['B1'],
    title: '1号楼爆管停水 Burst pipe: water off in Building 1',
    textForResidents: '1号楼供水主管爆裂，正在抢修。 A main pipe of Building 1 burst; repairs under way.',
    endNote: '更换管段 Pipe section replaced',
    hours: 5,
  },
  {
    monthsAgo: 7.1,
    kind: IncidentKind.ELECTRIC,
    source: IncidentSource.PLANNED,
    buildings: ['B1', 'B2'],
    title: '计划停电：配电房检修 Planned power cut: switchroom maintenance',
    textForResidents: POWER_STOP,
    endNote: '检修完成 Maintenance done',
    hours: 4,
  },
  {
    monthsAgo: 5.9,
    kind: IncidentKind.WATER,
    source: IncidentSource.PLANNED,
    buildings: ['B2'],
    title: '计划停水：阀门更换 Planned water stop: valve replacement',
    textForResidents:
      '因更换2号楼进水阀门，届时暂停供水。 The water is off while the inlet valve of Building 2 is replaced.',
    endNote: '阀门已更换 Valve replaced',
    hours: 4,
  },
  {
    monthsAgo: 4.8,
    kind: IncidentKind.WATER,
    source: IncidentSource.MANUAL,
    buildings: ['B1', 'B2'],
    title: '市政停水 Mains water cut',
    textForResidents: '市政管网抢修，小区暂停供水。 The city is repairing its mains; the estate has no water.',
    endNote: '市政恢复供水 Mains water back',
    hours: 7,
  },
  {
    monthsAgo: 4.1,
    kind: IncidentKind.WATER,
    source: IncidentSource.PLANNED,
    buildings: ['B1', 'B2'],
    title: '计划停水：水箱清洗 Planned water stop: tank cleaning',
    textForResidents: WATER_STOP,
    endNote: '清洗完成，水质检测合格 Cleaned, water tested',
    hours: 6,
  },
  {
    monthsAgo: 3.2,
    kind: IncidentKind.ELECTRIC,
    source: IncidentSource.MANUAL,
    buildings: ['B1'],
    title: '雷雨后1号楼停电 Power cut in Building 1 after a thunderstorm',
    textForResidents: '雷击导致配电故障，正在抢修。 Lightning damaged the switchgear; repairs under way.',
    endNote: '更换熔断器 Fuses replaced',
    hours: 4,
  },
  {
    monthsAgo: 2.3,
    kind: IncidentKind.WATER,
    source: IncidentSource.PLANNED,
    buildings: ['B1'],
    title: '计划停水：管道改造 Planned water stop: pipe works',
    textForResidents: '因1号楼供水管道改造，届时暂停供水。 The water is off for pipe works in Building 1.',
    endNote: '改造完成 Works done',
    hours: 8,
  },
  {
    monthsAgo: 1.2,
    kind: IncidentKind.HEATING,
    source: IncidentSource.PLANNED,
    buildings: ['B1', 'B2'],
    title: '供暖试运行 Heating trial run',
    textForResidents: '供暖系统试运行，期间暖气时冷时热。 The heating is on trial: radiators may be cold at times.',
    endNote: '试运行完成 Trial done',
    hours: 10,
  },
  {
    monthsAgo: 0.5,
    kind: IncidentKind.HEATING,
    source: IncidentSource.MANUAL,
    buildings: ['B2'],
    title: '2号楼暖气不热 Heating weak in Building 2',
    textForResidents: '2号楼供暖管道有气堵，正在排气。 Air in the heating pipes of Building 2; bleeding them.',
    endNote: '排气完成，温度恢复 Bled, warm again',
    hours: 6,
  },
];

/** What residents ask the hotline during an interruption, by kind. */
export const INCIDENT_CALLS: Record<IncidentKind, { text: string; answer: string }> = {
  [IncidentKind.WATER]: {
    text: '询问什么时候恢复供水 When is the water back?',
    answer: '已公告，预计数小时内恢复 Announced: back within hours',
  },
  [IncidentKind.ELECTRIC]: {
    text: '家里停电了，询问原因 My power is off: why?',
    answer: '配电检修/抢修中 Switchgear work under way',
  },
  [IncidentKind.HEATING]: {
    text: '暖气不热，询问原因 The heating is cold: why?',
    answer: '供暖抢修中 Heating repairs under way',
  },
  [IncidentKind.OTHER]: { text: '询问小区通知 About the estate notice', answer: '已答复 Answered' },
};
