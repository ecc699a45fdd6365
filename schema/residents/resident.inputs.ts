import { ArrayMaxSize, IsInt, IsOptional, Length, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CalendarDate } from '../common/calendar-date';
import { Connection, PageArgs } from '../common/connection';
import { Resident } from './resident.entity';
import { ResidentRelation } from './resident-relation.enum';

/**
 * service-desk contract: RegisterResidentInput { name, phone, unitId, relation, since }, plus
 * the archive's optional fields (used when the phone is new to the archive).
 */
@InputType()
export class RegisterResidentInput {
  @Field()
  @Length(1, 100)
  name!: string;

  /** any format: "+86 138-1234-5678", "13812345678", "(021) 6543 2109"; kept as digits */
  @Field()
  @Length(1, 40)
  phone!: string;

  @Field(() => ID)
  unitId!: string;

  @Field(() => ResidentRelation)
  relation!: ResidentRelation;

  @Field(() => CalendarDate, { nullable: true, description: 'Move-in date; default today (Asia/Shanghai).' })
  since?: Date | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  preferredContactTime?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  notes?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(40, { each: true })
  tags?: string[] | null;
}

/** The archive's editable fields; `version` is the one the caller saw (stale: CONFLICT). Omitted fields stay. */
@InputType()
export class UpdateResidentInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  @IsInt()
  version!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Empty string clears it.' })
  @IsOptional()
  @MaxLength(100)
  preferredContactTime?: string | null;

  @Field(() => String, { nullable: true, description: 'Empty string clears it.' })
  @IsOptional()
  @MaxLength(2000)
  notes?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(40, { each: true })
  tags?: string[] | null;
}

/** service-desk contract `Residents(search, first, after)`. */
@ArgsType()
export class ResidentSearchArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Part of a name, 4 or more digits of a phone number, or part of a unit code.',
  })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;
}

@ObjectType()
export class ResidentConnection extends Connection(Resident) {}
