import { registerEnumType } from 'type-graphql';

/** The departments the centre dispatches to (派工: 协调各部门). */
export enum Department {
  ENGINEERING = 'ENGINEERING', // 工程部: water, electric, heating repairs
  SECURITY = 'SECURITY', // 秩序部/安保
  ENVIRONMENT = 'ENVIRONMENT', // 环境部: cleaning, greenery
  CUSTOMER_SERVICE = 'CUSTOMER_SERVICE', // 客服中心
}

registerEnumType(Department, { name: 'Department' });
