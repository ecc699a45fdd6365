import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Department } from './department.enum';

/** Plain `\S`: a text of spaces only is blank, and refused like an empty one. */
const NOT_BLANK = /\S/;

/** Limits of a plan's fields (the service checks the nested ones, naming the step or field). */
export const PLAN_LIMITS = {
  titleLength: 200,
  maxResponseMinutes: 7 * 24 * 60,
  maxSteps: 50,
  stepLength: 1000,
  maxEvidenceStableMinutes: 24 * 60,
  /** the announcement's title column is 200 characters (schema/announcements/announcement.entity.ts) */
  templateTitleLength: 200,
  templateBodyLength: 4000,
};

/** One step as the editor sends it; its position is its place in the list. */
@InputType()
export class EmergencyPlanStepInput {
  @Field()
  text!: string;

  @Field(() => String, { nullable: true, description: 'Blank or null: no Chinese text.' })
  textZh?: string | null;
}

@InputType()
export class AnnouncementTemplateInput {
  @Field()
  title!: string;

  @Field()
  titleZh!: string;

  @Field()
  body!: string;

  @Field()
  bodyZh!: string;
}

/**
 * `updateEmergencyPlan`: the plan's editable fields, at the version the caller saw (stale:
 * CONFLICT). An omitted field stays as it is; an explicit null clears a nullable one (titleZh,
 * evidence, template) and is refused for the others.
 */
@InputType()
export class UpdateEmergencyPlanInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  @IsInt()
  version!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, PLAN_LIMITS.titleLength)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Null or blank clears it.' })
  @IsOptional()
  @MaxLength(PLAN_LIMITS.titleLength)
  titleZh?: string | null;

  @Field(() => Department, { nullable: true })
  department?: Department | null;

  @Field(() => Int, { nullable: true, description: 'Minutes from the alert to the response deadline (1–10080).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(PLAN_LIMITS.maxResponseMinutes)
  responseMinutes?: number | null;

  @Field(() => [EmergencyPlanStepInput], {
    nullable: true,
    description: 'The whole ordered list (1–50 steps), replacing the old one.',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(PLAN_LIMITS.maxSteps)
  steps?: EmergencyPlanStepInput[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the fault interrupts supply: its alert opens an incident on the equipment's served units.",
  })
  interruptsSupply?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The reading that must be back in range before the fix is verified: a metric of the fault's system; set and cleared with evidenceStableMinutes.",
  })
  @IsOptional()
  @MaxLength(64)
  evidenceMetric?: string | null;

  @Field(() => Int, { nullable: true, description: '1–1440; set and cleared with evidenceMetric.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(PLAN_LIMITS.maxEvidenceStableMinutes)
  evidenceStableMinutes?: number | null;

  @Field(() => AnnouncementTemplateInput, { nullable: true, description: 'Null clears it (no draft notice).' })
  announcementTemplate?: AnnouncementTemplateInput | null;
}
