import { EquipmentSystem } from '../../schema/facilities/equipment/equipment-system.enum';
import { Role } from '../../schema/staff/role.enum';

/** The demo estate seeded on an empty database outside production (README "Demo accounts"). */
export const DEMO_SITE = { code: 'HG', name: '和谐家园 Harmony Gardens' };

export const DEMO_BUILDINGS = [
  { code: 'B1', name: '1号楼 Building 1' },
  { code: 'B2', name: '2号楼 Building 2' },
];

export interface DemoEquipment {
  building: string;
  code: string;
  name: string;
  system: EquipmentSystem;
  kind: string;
  ratedCurrentA: number | null;
  deviceId: string;
  intervalS: number;
}

/** Per building: a booster pump set, the roof tank, the main switchboard, the heat exchanger. */
export const DEMO_EQUIPMENT: DemoEquipment[] = DEMO_BUILDINGS.flatMap(({ code }) => {
  const b = code.toLowerCase();
  return [
    equipment(
      code,
      'WP-01',
      '生活给水加压泵组 Booster pumps',
      EquipmentSystem.WATER,
      'booster pump set',
      null,
      `hg-${b}-wp01`,
    ),
    equipment(code, 'WT-01', '屋顶水箱 Roof tank', EquipmentSystem.WATER, 'water tank', null, `hg-${b}-wt01`),
    equipment(
      code,
      'EL-01',
      '低压配电柜 Main switchboard',
      EquipmentSystem.ELECTRIC,
      'distribution board',
      400,
      `hg-${b}-el01`,
    ),
    equipment(
      code,
      'HX-01',
      '板式换热机组 Heat exchanger',
      EquipmentSystem.HEATING,
      'plate heat exchanger',
      null,
      `hg-${b}-hx01`,
    ),
  ];
});

function equipment(
  building: string,
  code: string,
  name: string,
  system: EquipmentSystem,
  kind: string,
  ratedCurrentA: number | null,
  deviceId: string,
): DemoEquipment {
  return { building, code, name, system, kind, ratedCurrentA, deviceId, intervalS: 5 };
}

/** One account per role; all share DEMO_PASSWORD (README "Demo accounts"). */
export const DEMO_STAFF = [
  { username: 'manager', name: '王敏 Wang Min', role: Role.MANAGER },
  { username: 'supervisor', name: '李强 Li Qiang', role: Role.SUPERVISOR },
  { username: 'relations', name: '张婷 Zhang Ting', role: Role.RELATIONS_OFFICER },
  { username: 'affairs', name: '刘洋 Liu Yang', role: Role.AFFAIRS_OFFICER },
  { username: 'hotline-manager', name: '陈静 Chen Jing', role: Role.HOTLINE_MANAGER },
  { username: 'operator', name: '赵磊 Zhao Lei', role: Role.HOTLINE_OPERATOR },
  { username: 'technician', name: '孙涛 Sun Tao', role: Role.TECHNICIAN },
];
