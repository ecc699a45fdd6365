import { Entity, Enum, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { newId } from '../../common/ids';
import { RequestCategory } from '../../hotline/requests/service-request.enums';
import { WorkOrderPriority } from '../work-orders/work-order.enums';

/**
 * How fast a work order of a category and priority must be responded to (dispatched and
 * started) and resolved, in minutes (service-desk contract `SetSlaPolicy`). Read when a work
 * order opens: a change applies to work orders opened afterwards.
 */
@ObjectType()
@Entity({ tableName: 'sla_policy' })
@Unique({ properties: ['category', 'priority'] })
export class SlaPolicy {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ version: true, type: 'integer' })
  version!: number & Opt;

  @Field(() => RequestCategory)
  @Enum({ items: () => RequestCategory, nativeEnumName: 'request_category' })
  category!: RequestCategory;

  @Field(() => WorkOrderPriority)
  @Enum({ items: () => WorkOrderPriority, nativeEnumName: 'work_order_priority' })
  priority!: WorkOrderPriority;

  @Field(() => Int)
  @Property({ type: 'integer' })
  respondMinutes!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  resolveMinutes!: number;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  updatedAt: Date & Opt = new Date();
}
