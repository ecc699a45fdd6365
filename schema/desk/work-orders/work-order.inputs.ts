import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { Department } from '../../facilities/emergency-plans/department.enum';
import { WorkOrder } from './work-order.entity';
import { WorkOrderSource, WorkOrderStatus } from './work-order.enums';

@InputType()
export class WorkOrderFilter {
  @Field(() => Boolean, { nullable: true, description: 'true: still needs someone (OPEN … RESOLVED).' })
  open?: boolean | null;

  @Field(() => [WorkOrderStatus], { nullable: true })
  status?: WorkOrderStatus[] | null;

  @Field(() => Department, { nullable: true })
  department?: Department | null;

  @Field(() => WorkOrderSource, { nullable: true })
  source?: WorkOrderSource | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only those assigned to the caller.' })
  assignedToMe?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only overdue ones (a deadline passed and not met); false: only those that are not.',
  })
  overdue?: boolean | null;
}

/**
 * A move of the work order lifecycle (schema/desk/work-orders/work-order-lifecycle.ts), naming the
 * version the caller saw.
 */
@InputType()
export class TransitionWorkOrderInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version the caller saw; CONFLICT when the work order changed since.' })
  version!: number;

  @Field(() => WorkOrderStatus)
  to!: WorkOrderStatus;

  @Field(() => String, { nullable: true, description: 'Why (required to cancel); kept in the history.' })
  note?: string | null;

  @Field(() => ID, { nullable: true, description: 'The technician to dispatch to (required to dispatch).' })
  assigneeId?: string | null;

  @Field(() => Department, { nullable: true, description: 'Dispatch to this department (default: unchanged).' })
  department?: Department | null;
}

@ObjectType()
export class WorkOrderConnection extends Connection(WorkOrder) {}
