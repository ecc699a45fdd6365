import { registerEnumType } from 'type-graphql';

/** Staff roles of the customer service centre (test/contract-operations.graphql enum Role). */
export enum Role {
  MANAGER = 'MANAGER', // 客服中心经理
  SUPERVISOR = 'SUPERVISOR', // 主管
  RELATIONS_OFFICER = 'RELATIONS_OFFICER', // 客户关系专员
  AFFAIRS_OFFICER = 'AFFAIRS_OFFICER', // 事务专员
  HOTLINE_MANAGER = 'HOTLINE_MANAGER', // 热线主管
  HOTLINE_OPERATOR = 'HOTLINE_OPERATOR', // 热线接线员（兼大厦监控）
  TECHNICIAN = 'TECHNICIAN', // 维修技术员
}

registerEnumType(Role, { name: 'Role', description: 'Staff role' });

/** Who may change the equipment ledger and provision devices. */
export const LEDGER_EDITORS = [Role.MANAGER, Role.SUPERVISOR, Role.AFFAIRS_OFFICER];

/** Who may edit emergency plans (estate-wide: the centre's management, not one site's desk). */
export const PLAN_EDITORS = [Role.MANAGER, Role.SUPERVISOR];

/** Who may acknowledge alerts: everyone who watches the desk, and those who fix things. */
export const ALERT_HANDLERS = [
  Role.MANAGER,
  Role.SUPERVISOR,
  Role.HOTLINE_MANAGER,
  Role.HOTLINE_OPERATOR,
  Role.TECHNICIAN,
  Role.AFFAIRS_OFFICER,
];
