import { registerEnumType } from 'type-graphql';

/** How a contact reached the centre (service-desk contract `CallChannel`). */
export enum CallChannel {
  PHONE = 'PHONE',
  WALK_IN = 'WALK_IN',
  APP = 'APP',
  WECHAT = 'WECHAT',
}

registerEnumType(CallChannel, { name: 'CallChannel' });
