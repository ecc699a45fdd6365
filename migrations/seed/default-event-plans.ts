import { Department } from '../../schema/facilities/emergency-plans/department.enum';
import type { PlanStep } from '../../schema/facilities/emergency-plans/emergency-plan.entity';
import type { PlanSeed } from './default-emergency-plans';

const step = (text: string, textZh: string): PlanStep => ({ text, textZh });

/**
 * The default plans of the device event codes (devices/CONTRACT.md "Topics", `event`; the
 * rules: DEFAULT_EVENT_RULES). A device that reports a fault itself opens a work order like a
 * threshold rule does, so each code needs its plan. Seeded once, editable.
 */
export const DEFAULT_EVENT_PLANS: PlanSeed[] = [
  {
    faultCode: 'LEAK_DETECTED',
    title: 'Leak reported by a leak detector',
    titleZh: '漏水探测器报警应急预案',
    department: Department.ENGINEERING,
    responseMinutes: 10,
    steps: [
      step('Go to the detector and confirm the leak', '赶赴探测器所在位置确认漏水'),
      step('Close the nearest upstream valve; cut power in the wet area', '关闭最近的上游阀门，切断漏水区域电源'),
      step('Contain the water and call cleaning (environment department)', '围堵积水并通知环境部清理'),
      step('Repair the leak, dry and reset the detector', '修复漏点，擦干并复位探测器'),
      step('Record the cause, damage and repair in the work order', '在工单中记录原因、损失及维修情况'),
    ],
  },
  {
    faultCode: 'PUMP_FAULT',
    title: 'Pump fault reported by its controller',
    titleZh: '水泵故障报警应急预案',
    department: Department.ENGINEERING,
    responseMinutes: 20,
    steps: [
      step('Switch to the standby pump', '切换至备用泵'),
      step('Read the fault code on the pump controller', '读取水泵控制器上的故障代码'),
      step('Check the motor, the supply and the thermal overload', '检查电机、电源及热继电器'),
      step('Repair or call the maintenance contractor', '维修或联系维保单位'),
      step('Record the cause and the repair in the work order', '在工单中记录原因及维修情况'),
    ],
  },
  {
    faultCode: 'BREAKER_TRIP',
    title: 'Circuit breaker tripped',
    titleZh: '断路器跳闸应急预案',
    department: Department.ENGINEERING,
    responseMinutes: 15,
    steps: [
      step('Find which circuit tripped and what it supplies', '确认跳闸回路及其供电范围'),
      step(
        'Look for the fault (short circuit, overload, leakage) before resetting',
        '复位前排查故障（短路、过载、漏电）',
      ),
      step('Reset only when the fault is cleared; notify affected residents', '故障排除后方可合闸，并通知受影响住户'),
      step('Record the cause and the recovery in the work order', '在工单中记录原因及恢复情况'),
    ],
  },
  {
    faultCode: 'BOILER_FAULT',
    title: 'Boiler fault reported by its controller',
    titleZh: '锅炉故障报警应急预案',
    department: Department.ENGINEERING,
    responseMinutes: 20,
    steps: [
      step('Read the fault code on the boiler controller', '读取锅炉控制器上的故障代码'),
      step('Check gas supply, ignition and water pressure', '检查燃气供应、点火及水压'),
      step('Switch to the standby boiler if there is one', '如有备用锅炉则切换运行'),
      step('Call the boiler contractor; notify residents if heating stops', '联系锅炉维保单位；如停暖则通知住户'),
      step('Record the cause and the repair in the work order', '在工单中记录原因及维修情况'),
    ],
  },
];
