import { ArrayMaxSize, IsOptional, IsPositive, Length, Matches, Max } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType } from 'type-graphql';
import { EquipmentSystem } from './equipment-system.enum';

/** test/contract-operations.graphql: CreateEquipmentInput { buildingId, code, name, system, kind, ratedCurrentA } */
@InputType()
export class CreateEquipmentInput {
  @Field(() => ID)
  buildingId!: string;

  /** a ledger code, also used in topics and tags: devices/CONTRACT.md id rule */
  @Field()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'code must be 1-64 characters of A-Z a-z 0-9 _ -' })
  code!: string;

  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => EquipmentSystem)
  system!: EquipmentSystem;

  @Field()
  @Length(1, 100)
  kind!: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsPositive()
  @Max(100_000)
  ratedCurrentA?: number | null;
}

/**
 * incidents contract `SetEquipmentServes(equipmentId, unitIds)`. A bound on the list keeps one
 * request's statement small; a pump serving a whole building names no units at all.
 */
@ArgsType()
export class SetEquipmentServesArgs {
  @Field(() => ID)
  equipmentId!: string;

  @Field(() => [ID])
  @ArrayMaxSize(2000)
  unitIds!: string[];
}
