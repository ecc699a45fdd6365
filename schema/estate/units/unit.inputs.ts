import { IsInt, IsOptional, Length, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { UnitUse } from './unit-use.enum';
import { Unit } from './unit.entity';

/** service-desk contract: CreateUnitInput { buildingId, code, floor, areaM2, use } */
@InputType()
export class CreateUnitInput {
  @Field(() => ID)
  buildingId!: string;

  /** e.g. "1-1201", "S-03"; unique within the building */
  @Field()
  @Length(1, 32)
  code!: string;

  /** negative for basements */
  @Field(() => Int)
  @IsInt()
  floor!: number;

  @Field(() => Float, { nullable: true, description: 'Floor area, square metres (≥ 0).' })
  @IsOptional()
  @Min(0)
  areaM2?: number | null;

  @Field(() => UnitUse, { nullable: true, description: 'Default RESIDENTIAL.' })
  use?: UnitUse | null;
}

@ObjectType()
export class UnitConnection extends Connection(Unit) {}
