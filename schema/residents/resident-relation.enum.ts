import { registerEnumType } from 'type-graphql';

/** How a resident occupies a unit (service-desk contract `ResidentRelation`). */
export enum ResidentRelation {
  OWNER = 'OWNER', // 业主
  TENANT = 'TENANT', // 租户
  FAMILY = 'FAMILY', // 家属
}

registerEnumType(ResidentRelation, { name: 'ResidentRelation' });
