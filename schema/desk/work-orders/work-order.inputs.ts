import { Field, InputType, ObjectType } from 'type-graphql';
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
}

@ObjectType()
export class WorkOrderConnection extends Connection(WorkOrder) {}
