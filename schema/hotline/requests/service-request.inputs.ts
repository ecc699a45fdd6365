import { Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { WorkOrderPriority } from '../../desk/work-orders/work-order.enums';
import { Department } from '../../facilities/emergency-plans/department.enum';
import { ServiceRequest } from './service-request.entity';
import { RequestCategory } from './service-request.enums';

/**
 * service-desk contract: CreateServiceRequestInput { category, description, callId, residentId,
 * unitId, equipmentId, department, priority, answer }
 */
@InputType()
export class CreateServiceRequestInput {
  @Field(() => RequestCategory)
  category!: RequestCategory;

  @Field()
  @Length(1, 4000)
  description!: string;

  @Field(() => ID, { nullable: true, description: 'The call it was raised in.' })
  callId?: string | null;

  @Field(() => ID, { nullable: true })
  residentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The unit it is about (its building gives the site).' })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The equipment it is about, where known.' })
  equipmentId?: string | null;

  @Field(() => Department, { nullable: true, description: 'Default: REPAIR → ENGINEERING, else CUSTOMER_SERVICE.' })
  department?: Department | null;

  @Field(() => WorkOrderPriority, { nullable: true, description: 'Default NORMAL.' })
  priority?: WorkOrderPriority | null;

  @Field(() => String, {
    nullable: true,
    description: 'The answer given on the spot: an INQUIRY with an answer is closed without a work order.',
  })
  @MaxLength(4000)
  answer?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The incident it is about: it joins the incident and its work order instead of opening another.',
  })
  incidentId?: string | null;
}

@InputType()
export class ServiceRequestFilter {
  @Field(() => ID, { nullable: true })
  residentId?: string | null;

  @Field(() => ID, { nullable: true })
  callId?: string | null;

  @Field(() => RequestCategory, { nullable: true })
  category?: RequestCategory | null;

  @Field(() => Boolean, { nullable: true, description: 'true: OPEN; false: CLOSED or CANCELLED.' })
  open?: boolean | null;
}

@ObjectType()
export class ServiceRequestConnection extends Connection(ServiceRequest) {}
