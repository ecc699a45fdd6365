import { Department } from '../../schema/facilities/emergency-plans/department.enum';
import type { PlanStep } from '../../schema/facilities/emergency-plans/emergency-plan.entity';

export interface PlanSeed {
  faultCode: string;
  title: string;
  titleZh: string;
  department: Department;
  responseMinutes: number;
  steps: PlanStep[];
}

const step = (text: string, textZh: string): PlanStep => ({ text, textZh });

/**
 * The default emergency plan (紧急预案) of every default fault code (devices/CONTRACT.md: each fault
 * code has a default plan: department, response time, ordered steps). Seeded once, editable.
 */
export const DEFAULT_EMERGENCY_PLANS: PlanSeed[] = [
  {
    faultCode: 'WATER_PRESSURE_LOW',
    title: 'Low water supply pressure',
    titleZh: '供水压力低应急预案',
    department: Department.ENGINEERING,
    responseMinutes: 30,
    steps: [
      step('Check the running pump; switch to the standby pump', '检查运行水泵，切换至备用泵'),
      step('Inspect the roof tank and the main valve', '检查屋顶水箱及总阀'),
      step('Notify affected residents of the expected recovery time', '通知受影响住户预计恢复时间'),
      step('Record the cause and the recovery in the work order', '在工单中记录原因及恢复情况'),
    ],
  },
  {
    faultCode: 'WATER_PRESSURE_HIGH',
    title: 'High water supply pressure',
    titleZh: '供水压力高应急预案',
    department: Department.ENGINEERING,
    responseMinutes: 30,
    steps: [
      step('Check the pressure-reducing valve and the pump controller set point', '检查减压阀及水泵控制器设定值'),
      step('Reduce pump speed or stop a pump until pressure is ≤ 0.35 MPa', '降低水泵转速或停泵，使压力不超过0.35 MPa'),
      step('Check lower floors for leaks or burst fittings', '检查低楼层是否有渗漏或管件爆裂'),
      step('Record the cause and the recovery in the work order', '在工单中记录原因及恢复情况'),
    ],
  },
  {
    faultCode: 'WATER_LEAK',
    title: 'Water leak',
    titleZh: '漏水应急预案',
    department: Department.ENGINEERING,
    responseMinutes: 10,
    steps: [
      step('Close the nearest upstream valve', '关闭最近的上游阀门'),
      step('Cut power to electrical equipment in the wet area', '切断漏水区域内电气设备电源'),
      step('Contain the water and call cleaning (environment department)', '围堵积水并通知环境部清理'),
      step('Find and repair the leak; notify affected residents', '查找并修复漏点，通知受影响住户'),
      step('Record the cause, damage and repair in the work order', '在工单中记录原因、损失及维修情况'),
    ],
  },
  {
    faultCode: 'TANK_LEVEL_LOW',
    title: 'Low water tank level',
    titleZh: '水箱液位低应急预案',
    department: Department.ENGINEERING,
    responseMinutes: 30,
    steps: [
      step('Check the inlet valve, float valve and the municipal supply', '检查进水阀、浮球阀及市政供水'),
      step('Check the transfer pumps and their controller', '检查转输水泵及控制器'),
      step('If supply will be interrupted, notify residents', '如将停水，通知住户'),
      step('Record the cause and the recovery in the work order', '在工单中记录原因及恢复情况'),
    ],
  },
  {
    faultCode: 'POWER_PHASE_LOSS',
    title: 'Power phase loss',
    titleZh: '缺相应急预案',
    department: Department.ENGINEERING,
    responseMinutes: 10,
    steps: [
      step('Check the incoming supply and the main breaker of the switchboard', '检查进线电源及配电柜总开关'),
      step('Stop three-phase motors (pumps, lifts) to protect them', '停止三相电机（水泵、电梯）运行以免损坏'),
      step('Contact the power supply bureau if the fault is upstream', '如为上级电网故障，联系供电局'),
      step('Check lifts for trapped passengers; notify residents', '检查电梯是否困人，通知住户'),
      step('Record the cause and the recovery in the work order', '在工单中记录原因及恢复情况'),
    ],
  },
  {
    faultCode: 'VOLTAGE_OUT_OF_RANGE',
    title: 'Supply voltage out of range',
    titleZh: '电压越限应急预案',
    department: Department.ENGINEERING,
    responseMinutes: 60,
    steps: [
      step('Measure the phase voltages at the switchboard', '在配电柜测量各相电压'),
      step('Check the transformer tap and the load balance across phases', '检查变压器分接头及三相负荷平衡'),
      step('Report persistent deviation to the power supply bureau', '持续越限时报告供电局'),
      step('Record the readings and the action in the work order', '在工单中记录读数及处理措施'),
    ],
  },
  {
    faultCode: 'OVERCURRENT',
    title: 'Overcurrent',
    titleZh: '过流应急预案',
    department: Department.ENGINEERING,
    responseMinutes: 30,
    steps: [
      step('Identify the overloaded circuit and shed non-essential load', '查明过载回路，切除非必要负荷'),
      step('Check cables and breakers for overheating', '检查电缆及断路器是否过热'),
      step('Check the connected equipment for faults', '检查所连设备是否故障'),
      step('Record the cause and the action in the work order', '在工单中记录原因及处理措施'),
    ],
  },
  {
    faultCode: 'HEATING_SUPPLY_TEMP_HIGH',
    title: 'Heating supply temperature too high',
    titleZh: '供暖供水温度过高应急预案',
    department: Department.ENGINEERING,
    responseMinutes: 30,
    steps: [
      step('Check the control valve and the supply temperature set point', '检查调节阀及供水温度设定值'),
      step('Reduce the primary side flow until supply is ≤ 85 °C', '减小一次侧流量，使供水温度不超过85 °C'),
      step('Check the circulation pumps', '检查循环水泵'),
      step('Record the cause and the recovery in the work order', '在工单中记录原因及恢复情况'),
    ],
  },
  {
    faultCode: 'HEATING_SUPPLY_TEMP_LOW',
    title: 'Heating supply temperature too low',
    titleZh: '供暖供水温度过低应急预案',
    department: Department.ENGINEERING,
    responseMinutes: 60,
    steps: [
      step('Check the heat source (primary network or boiler) and the burner', '检查热源（一次管网或锅炉）及燃烧器'),
      step('Check the heat exchanger for fouling and the control valve', '检查换热器是否结垢及调节阀'),
      step('Answer residents’ complaints with the expected recovery time', '答复住户投诉并告知预计恢复时间'),
      step('Record the cause and the recovery in the work order', '在工单中记录原因及恢复情况'),
    ],
  },
  {
    faultCode: 'HEATING_PRESSURE_LOW',
    title: 'Low heating system pressure',
    titleZh: '供暖系统压力低应急预案',
    department: Department.ENGINEERING,
    responseMinutes: 30,
    steps: [
      step('Check the make-up water pump and the expansion tank', '检查补水泵及膨胀水箱'),
      step('Walk the risers and the plant room for leaks', '巡查立管及机房是否漏水'),
      step('Top up the system to its working pressure', '补水至工作压力'),
      step('Record the cause and the recovery in the work order', '在工单中记录原因及恢复情况'),
    ],
  },
  {
    faultCode: 'DEVICE_OFFLINE',
    title: 'Monitoring device offline',
    titleZh: '监测设备离线处理预案',
    department: Department.ENGINEERING,
    responseMinutes: 120,
    steps: [
      step('Check the device power and network connection', '检查设备电源及网络连接'),
      step('Check the equipment it monitors by a site visit until it is back', '设备恢复前，现场巡查其所监测的设备'),
      step('Restart or replace the device', '重启或更换设备'),
      step('Record the cause in the work order', '在工单中记录原因'),
    ],
  },
];
