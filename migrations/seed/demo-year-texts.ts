/** Repairs that come with the season: heating in the heating season, water and damp in summer. */
export const SEASONAL_REPAIRS: Record<'winter' | 'summer', string[]> = {
  winter: [
    '客厅暖气片不热 Living room radiator cold',
    '暖气管道接口漏水 Heating pipe joint leaking',
    '地暖分水器异响 Underfloor heating manifold noisy',
    '卫生间水管冻裂 Bathroom pipe frozen and cracked',
  ],
  summer: [
    '厨房水压太低 Low water pressure in the kitchen',
    '空调冷凝水滴到楼下阳台 Air-con condensate dripping on the balcony below',
    '暴雨后地下室进水 Basement flooded after the storm',
    '外墙渗水 Water seeping through the outer wall',
  ],
};

/** The estate's season by calendar month (1–12): the heating season runs 15 November to 15 March. */
export function seasonOf(month: number): 'winter' | 'summer' | null {
  if (month >= 11 || month <= 3) return 'winter';
  if (month >= 6 && month <= 9) return 'summer';
  return null;
}

/** Notices to the whole site through the year (months before now). */
export const SITE_NOTICES: Array<{ monthsAgo: number; event: boolean; title: string; body: string }> = [
  {
    monthsAgo: 11.8,
    event: false,
    title: '元旦假期服务安排 New Year holiday service',
    body: '元旦期间客服热线24小时值班。 The hotline is staffed around the clock over New Year.',
  },
  {
    monthsAgo: 10.4,
    event: true,
    title: '春节联欢活动 Spring Festival party',
    body: '正月初五下午在会所举办联欢活动。 A party at the clubhouse on the fifth day of the New Year.',
  },
  {
    monthsAgo: 8.9,
    event: false,
    title: '电梯年检 Annual lift inspection',
    body: '本周电梯年检，每部电梯停运约2小时。 Each lift stops for about two hours this week for its inspection.',
  },
  {
    monthsAgo: 7.5,
    event: true,
    title: '消防演练 Fire drill',
    body: '周六上午10点消防演练，请配合疏散。 Fire drill on Saturday at 10:00: please join the evacuation.',
  },
  {
    monthsAgo: 6.2,
    event: false,
    title: '灭蚊消杀 Mosquito control',
    body: '本周对绿化带进行消杀，请关好门窗。 Spraying the gardens this week: keep windows closed.',
  },
  {
    monthsAgo: 4.5,
    event: false,
    title: '防台风提示 Typhoon warning',
    body: '台风将至，请收好阳台物品。 A typhoon is coming: bring in what is on your balcony.',
  },
  {
    monthsAgo: 2.9,
    event: true,
    title: '中秋游园会 Mid-Autumn garden fair',
    body: '中秋节晚上花园游园猜灯谜。 Lantern riddles in the garden on the Mid-Autumn evening.',
  },
  {
    monthsAgo: 0.7,
    event: false,
    title: '供暖开始通知 Heating season starts',
    body: '11月15日起正式供暖。 The heating is on from 15 November.',
  },
];

/** What residents say on a callback, by score. */
export const CALLBACK_COMMENTS: Record<number, string[]> = {
  1: ['问题没解决 Still not fixed', '师傅态度差 The technician was rude'],
  2: ['修了又坏了 Broke again', '等太久 Waited too long'],
  3: ['还行 It is fine', '基本解决 Mostly fixed'],
  4: ['挺好 Good', '师傅很专业 The technician knew his job'],
  5: ['非常满意 Very satisfied', '速度很快，谢谢 Quick, thank you', '服务很好 Great service'],
};

/** A shift's notes for the next operator. */
export const SHIFT_NOTES: string[] = [
  '无异常 Nothing unusual',
  '热线正常，无遗留 Hotline quiet, nothing left',
  '2号楼电梯按钮已报修，跟进中 Building 2 lift button reported, following up',
  '有业主投诉噪音，已转主管 A noise complaint passed to the manager',
  '明天上午回访3户 Three callbacks due tomorrow morning',
  '快递柜门故障，已联系厂家 Parcel locker door faulty, supplier called',
  '交接正常 Handover normal',
];
