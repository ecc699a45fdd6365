import { Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { RequestCategory } from '../../hotline/requests/service-request.enums';
import { WorkOrderPriority } from '../work-orders/work-order.enums';

/** A year: a longer deadline is a typo, not a policy. */
export const MAX_SLA_MINUTES = 366 * 24 * 60;

/** service-desk contract: SlaPolicyInput { category, priority, respondMinutes, resolveMinutes } */
@InputType()
export class SlaPolicyInput {
  @Field(() => RequestCategory)
  category!: RequestCategory;

  @Field(() => WorkOrderPriority)
  priority!: WorkOrderPriority;

  @Field(() => Int, { description: 'Minutes from opening to the response deadline (> 0).' })
  @Min(1)
  @Max(MAX_SLA_MINUTES)
  respondMinutes!: number;

  @Field(() => Int, { description: 'Minutes from opening to the resolution deadline (≥ respondMinutes).' })
  @Min(1)
  @Max(MAX_SLA_MINUTES)
  resolveMinutes!: number;
}
