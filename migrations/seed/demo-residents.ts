import { ResidentRelation } from '../../schema/residents/resident-relation.enum';
import { UnitUse } from '../../schema/estate/units/unit-use.enum';
import { DEMO_BUILDINGS } from './demo-estate';

/**
 * The demo estate's units and residents (业主档案), generated from a fixed seed so every fresh
 * demo database holds the same people: per building 12 floors of 4 flats, 2 shops and 4 parking
 * spaces; about 200 residents — owners, their families, tenants — with a few who moved out.
 */
export interface DemoUnit {
  building: string;
  code: string;
  floor: number;
  areaM2: number;
  use: UnitUse;
}

export interface DemoOccupancy {
  unit: string;
  /** building code */
  building: string;
  relation: ResidentRelation;
  since: string;
  until: string | null;
}

export interface DemoResident {
  name: string;
  phone: string;
  preferredContactTime: string | null;
  notes: string | null;
  tags: string[];
  occupancies: DemoOccupancy[];
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鹏飞雪琳晨宇浩然欣怡子轩梓涵思远佳琪博文俊杰雨婷志强建国海燕晓东';
const CONTACT_TIMES = ['工作日晚上 weekday evenings', '周末 weekends', '上午 mornings', '随时 any time'];
const TAGS = ['老人独居 elderly alone', '需回访 callback', '装修中 renovating', '宠物 pet', 'VIP'];

/** mulberry32: a small deterministic generator, enough for demo data */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_UNITS: DemoUnit[] = DEMO_BUILDINGS.flatMap(({ code: building }, b) => {
  const no = b + 1;
  const units: DemoUnit[] = [];
  for (let floor = 1; floor <= 12; floor++) {
    for (let flat = 1; flat <= 4; flat++) {
      const code = `${no}-${String(floor).padStart(2, '0')}${String(flat).padStart(2, '0')}`;
      units.push({ building, code, floor, areaM2: [89.5, 120.3, 120.3, 89.5][flat - 1], use: UnitUse.RESIDENTIAL });
    }
  }
  for (let shop = 1; shop <= 2; shop++) {
    units.push({ building, code: `${no}-S0${shop}`, floor: 1, areaM2: 65, use: UnitUse.COMMERCIAL });
  }
  for (let space = 1; space <= 4; space++) {
    units.push({ building, code: `${no}-P00${space}`, floor: -1, areaM2: 12.5, use: UnitUse.PARKING });
  }
  return units;
});

function date(random: () => number, fromYear: number, toYear: number): string {
  const year = fromYear + Math.floor(random() * (toYear - fromYear + 1));
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function buildResidents(): DemoResident[] {
  const random = generator(20261129);
  const pick = <T>(items: ArrayLike<T>) => items[Math.floor(random() * items.length)];
  const phones = new Set<string>();
  const phone = () => {
    for (;;) {
      const digits = `1${pick('3578')}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
      if (!phones.has(digits)) {
        phones.add(digits);
        return digits;
      }
    }
  };
  const person = (surname: string, occupancies: DemoOccupancy[]): DemoResident => ({
    name: surname + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : ''),
    phone: phone(),
    preferredContactTime: random() < 0.3 ? pick(CONTACT_TIMES) : null,
    notes: null,
    tags: random() < 0.15 ? [pick(TAGS)] : [],
    occupancies,
  });
  const residents: DemoResident[] = [];
  for (const unit of DEMO_UNITS) {
    const at = (relation: ResidentRelation, since: string, until: string | null = null): DemoOccupancy => ({
      unit: unit.code,
      building: unit.building,
      relation,
      since,
      until,
    });
    if (unit.use !== UnitUse.RESIDENTIAL) {
      if (random() < 0.5)
        residents.push(person(pick(SURNAMES), [at(ResidentRelation.OWNER, date(random, 2016, 2024))]));
      continue;
    }
    if (random() < 0.08) continue; // unsold or empty
    const surname = pick(SURNAMES);
    const since = date(random, 2012, 2023);
    const owner = person(surname, [at(ResidentRelation.OWNER, since)]);
    residents.push(owner);
    if (random() < 0.2) {
      // let out: the owner lives elsewhere; a former tenant moved out, a current one lives there
      owner.notes = '出租 let out';
      residents.push(
        person(pick(SURNAMES), [at(ResidentRelation.TENANT, date(random, 2019, 2021), date(random, 2022, 2023))]),
      );
      residents.push(person(pick(SURNAMES), [at(ResidentRelation.TENANT, date(random, 2024, 2025))]));
      continue;
    }
    const family = random() < 0.7 ? (random() < 0.4 ? 2 : 1) : 0; // a spouse, a grown child
    for (let i = 0; i < family; i++) {
      residents.push(person(random() < 0.5 ? surname : pick(SURNAMES), [at(ResidentRelation.FAMILY, since)]));
    }
  }
  // a few owners of a second flat or a parking space in the other building
  for (let i = 0; i < 6; i++) {
    const owner = residents[Math.floor(random() * residents.length)];
    const other = DEMO_UNITS.filter((u) => u.use === UnitUse.PARKING && u.building !== owner.occupancies[0].building);
    const unit = other[i % other.length];
    if (owner.occupancies.some((o) => o.unit === unit.code && o.building === unit.building)) continue;
    owner.occupancies.push({
      unit: unit.code,
      building: unit.building,
      relation: ResidentRelation.OWNER,
      since: date(random, 2020, 2024),
      until: null,
    });
  }
  return residents;
}

export const DEMO_RESIDENTS: DemoResident[] = buildResidents();
