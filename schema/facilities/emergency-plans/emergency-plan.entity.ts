import { Entity, Enum, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../common/ids';
import { Department } from './department.enum';

/** One ordered step of a plan, in English and Chinese (the desk speaks both). */
export interface PlanStep {
  text: string;
  textZh: string | null;
}

/** What residents are told when a plan's fault interrupts supply (公告模板). */
export interface AnnouncementTemplate {
  title: string;
  titleZh: string;
  body: string;
  bodyZh: string;
}

/**
 * An emergency plan (紧急预案) per fault code: who responds, how fast, and the ordered
 * steps copied into the work order a raised alert opens (devices/CONTRACT.md "Default fault rules
 * and their emergency plans").
 */
@ObjectType()
@Entity({ tableName: 'emergency_plan' })
export class EmergencyPlan {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => Int, {
    description: 'Optimistic-locking version: increases with every change; a stale one is CONFLICT.',
  })
  @Property({ version: true, type: 'integer' })
  version!: number & Opt;

  @Field()
  @Unique()
  @Property({ type: 'string', length: 64 })
  faultCode!: string;

  @Field()
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  titleZh: string | null = null;

  @Field(() => Department)
  @Enum({ items: () => Department, nativeEnumName: 'department' })
  department!: Department;

  /** minutes from the alert to the work order's due time */
  @Field(() => Int)
  @Property({ type: 'integer' })
  responseMinutes!: number;

  @Property({ type: 'json' })
  steps: PlanStep[] & Opt = [];

  /** the fault interrupts supply to the units the equipment serves: its alert opens an incident */
  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  interruptsSupply: boolean & Opt = false;

  /**
   * The metric whose readings must be back in range for `evidenceStableMinutes` before the work
   * order of an alert-opened incident may be verified (null: the plan asks for no evidence).
   */
  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  evidenceMetric: string | null = null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  evidenceStableMinutes: number | null = null;

  /** the announcement drafted for its incident: `{title, body}` in English and Chinese */
  @Property({ type: 'json', nullable: true })
  announcementTemplate: AnnouncementTemplate | null = null;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
