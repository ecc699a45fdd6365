import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Department } from '../facilities/emergency-plans/department.enum';
import { Staff } from '../staff/staff.entity';

/**
 * Service KPIs of a period (绩效考核), computed from PostgreSQL when asked (schema/kpis/kpi.sql.ts
 * says exactly what each figure counts). Percentages are 0–100 with one decimal, minutes have
 * one decimal; a figure with nothing to measure is null, not 0.
 */
@ObjectType({ description: 'One operator in a period: calls taken, requests filed, satisfaction of their callbacks.' })
export class OperatorKpis {
  @Field(() => Staff)
  staff!: Staff;

  @Field(() => Int)
  calls!: number;

  @Field(() => Int)
  requests!: number;

  @Field(() => Float, { nullable: true, description: 'Mean satisfaction (1–5) of the callbacks they completed.' })
  avgSatisfaction!: number | null;
}

@ObjectType({ description: 'One department in a period: work orders opened, share resolved in time.' })
export class DepartmentKpis {
  @Field(() => Department)
  department!: Department;

  @Field(() => Int)
  workOrders!: number;

  @Field(() => Float, { nullable: true })
  resolvedInTimePct!: number | null;
}

@ObjectType({ description: 'Service KPIs of a site (or of all the caller may see) over [from, to).' })
export class ServiceKpis {
  @Field(() => Int, { description: 'Calls started in the period.' })
  calls!: number;

  @Field(() => Int, { description: 'Service requests filed in the period (every category).' })
  requests!: number;

  @Field(() => Int, { description: 'Service requests of category COMPLAINT filed in the period.' })
  complaints!: number;

  @Field(() => Int, { description: 'Work orders opened in the period (cancelled ones included).' })
  workOrdersOpened!: number;

  @Field(() => Int, { description: 'Work orders that reached CLOSED in the period.' })
  workOrdersClosed!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Of the work orders opened in the period and not cancelled whose response is known (responded, or respondBy passed), the share with respondedAt ≤ respondBy.',
  })
  respondedInTimePct!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Of the work orders opened in the period and not cancelled whose resolution is known (resolved, or resolveBy passed), the share with resolvedAt ≤ resolveBy.',
  })
  resolvedInTimePct!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median minutes from opening to respondedAt (opened in the period).',
  })
  medianRespondMinutes!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median minutes from opening to resolvedAt (opened in the period).',
  })
  medianResolveMinutes!: number | null;

  @Field(() => Int, { description: 'Callbacks completed (DONE) in the period.' })
  callbacksDone!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Of the callbacks completed in the period, the share done by the time they were first due (a failed attempt moves dueAt on, not this deadline).',
  })
  callbacksOnTimePct!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean satisfaction (1–5) of the callbacks completed in the period.',
  })
  avgSatisfaction!: number | null;

  @Field(() => Int, { description: 'Incidents that started in the period.' })
  incidents!: number;

  @Field(() => [OperatorKpis], { description: 'Everyone who took a call, filed a request or completed a callback.' })
  byOperator!: OperatorKpis[];

  @Field(() => [DepartmentKpis], { description: 'Every department with a work order opened in the period.' })
  byDepartment!: DepartmentKpis[];
}
