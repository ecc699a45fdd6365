import { Department } from '../../schema/facilities/emergency-plans/department.enum';
import { CallChannel } from '../../schema/hotline/calls/call-channel.enum';
import { RequestCategory } from '../../schema/hotline/requests/service-request.enums';

/** What residents of the demo estate call about, per category (description, and the answer of an inquiry). */
export const DEMO_REQUESTS: Record<RequestCategory, Array<{ text: string; answer?: string }>> = {
  [RequestCategory.INQUIRY]: [
    { text: '询问本月物业费缴费截止日期 When is this month’s fee due?', answer: '本月25日前 By the 25th' },
    { text: '询问停水通知的恢复时间 When will the water be back?', answer: '今天18:00前恢复 Before 18:00 today' },
    {
      text: '询问装修申请需要哪些材料 What does a renovation permit need?',
      answer: '身份证、房产证、施工方案 ID, deed, plan',
    },
    { text: '询问快递柜位置 Where are the parcel lockers?', answer: '2号楼东侧 East side of Building 2' },
    { text: '询问供暖开始时间 When does the heating start?', answer: '11月15日 15 November' },
    { text: '咨询车位租赁价格 How much is a parking space?' },
  ],
  [RequestCategory.BUSINESS]: [
    { text: '办理门禁卡补办 Replace a lost access card' },
    { text: '办理装修申请 Renovation permit application' },
    { text: '办理车位续租 Renew a parking space lease' },
    { text: '开具物业费发票 Invoice for the property fee' },
  ],
  [RequestCategory.COMPLAINT]: [
    { text: '楼上夜间噪音扰民 Noise from upstairs at night' },
    { text: '地下车库有车辆占用消防通道 Cars blocking the fire lane in the garage' },
    { text: '垃圾清运不及时 Rubbish not collected on time' },
    { text: '维修人员上门迟到 The repair technician came late' },
  ],
  [RequestCategory.SUGGESTION]: [
    { text: '建议在小区花园增加座椅 More benches in the garden' },
    { text: '建议延长健身房开放时间 Longer gym opening hours' },
    { text: '建议增设电动车充电桩 More e-bike charging points' },
  ],
  [RequestCategory.REPAIR]: [
    { text: '厨房水龙头漏水 Kitchen tap leaking' },
    { text: '卫生间下水道堵塞 Bathroom drain blocked' },
    { text: '卧室暖气片不热 Bedroom radiator cold' },
    { text: '楼道声控灯不亮 Stairwell light out' },
    { text: '入户门锁损坏 Front door lock broken' },
    { text: '阳台顶棚渗水 Water seeping through the balcony ceiling' },
    { text: '电梯按钮失灵 Lift button not working' },
  ],
};

/** How often each category is called about (weights out of 100). */
export const CATEGORY_WEIGHTS: Array<[RequestCategory, number]> = [
  [RequestCategory.INQUIRY, 30],
  [RequestCategory.REPAIR, 30],
  [RequestCategory.BUSINESS, 15],
  [RequestCategory.SUGGESTION, 13],
  [RequestCategory.COMPLAINT, 12],
];

export const CHANNEL_WEIGHTS: Array<[CallChannel, number]> = [
  [CallChannel.PHONE, 70],
  [CallChannel.WECHAT, 15],
  [CallChannel.APP, 10],
  [CallChannel.WALK_IN, 5],
];

/** The department a category's work order goes to when the operator names none. */
export const DEMO_DEPARTMENT: Record<RequestCategory, Department> = {
  [RequestCategory.INQUIRY]: Department.CUSTOMER_SERVICE,
  [RequestCategory.BUSINESS]: Department.CUSTOMER_SERVICE,
  [RequestCategory.COMPLAINT]: Department.CUSTOMER_SERVICE,
  [RequestCategory.SUGGESTION]: Department.CUSTOMER_SERVICE,
  [RequestCategory.REPAIR]: Department.ENGINEERING,
};

export const CALL_SUMMARIES: Record<RequestCategory, string> = {
  [RequestCategory.INQUIRY]: '已答复 Answered',
  [RequestCategory.BUSINESS]: '已受理，待办理 Taken, to be handled',
  [RequestCategory.COMPLAINT]: '已记录投诉，转热线主管 Complaint recorded, passed to the hotline manager',
  [RequestCategory.SUGGESTION]: '已记录建议 Suggestion recorded',
  [RequestCategory.REPAIR]: '已派工 Repair dispatched',
};

/** A deterministic pseudo-random sequence (mulberry32): the same demo centre on every fresh start. */
export function demoRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function weighted<T>(random: () => number, weights: Array<[T, number]>): T {
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of weights) {
    r -= w;
    if (r < 0) return value;
  }
  return weights[weights.length - 1][0];
}
