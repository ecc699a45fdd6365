import { Field, Int, ObjectType } from 'type-graphql';

/** One ordered step of an emergency plan, in English and Chinese (the desk speaks both). */
@ObjectType()
export class EmergencyPlanStep {
  @Field(() => Int)
  position!: number;

  @Field()
  text!: string;

  @Field(() => String, { nullable: true })
  textZh!: string | null;
}
