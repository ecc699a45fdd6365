import { registerEnumType } from 'type-graphql';

/** What a resident asks for (service-desk contract `RequestCategory`; 服务热线 categories). */
export enum RequestCategory {
  INQUIRY = 'INQUIRY', // 咨询查询
  BUSINESS = 'BUSINESS', // 业务办理
  COMPLAINT = 'COMPLAINT', // 投诉
  SUGGESTION = 'SUGGESTION', // 建议
  REPAIR = 'REPAIR', // 报修
}

/**
 * A request is OPEN while its work order runs, CLOSED once answered on the spot, recorded
 * (a suggestion) or when its work order is closed, CANCELLED with its work order.
 */
export enum ServiceRequestStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(RequestCategory, { name: 'RequestCategory' });
registerEnumType(ServiceRequestStatus, { name: 'ServiceRequestStatus' });
