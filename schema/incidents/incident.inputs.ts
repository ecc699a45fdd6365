import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../common/connection';
import { Incident } from './incident.entity';
import { IncidentKind } from './incident.enums';

/** incidents contract `CreateIncident`. */
@InputType()
export class CreateIncidentInput {
  @Field()
  @Length(1, 200)
  title!: string;

  @Field(() => IncidentKind)
  kind!: IncidentKind;

  @Field(() => [ID], { description: 'The buildings it affects (one site): every unit of them is affected.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  buildingIds!: string[];

  @Field(() => Date, { description: 'Ahead: SCHEDULED until then; now or past: ACTIVE at once.' })
  startsAt!: Date;

  @Field(() => Date, { nullable: true, description: 'The announced end (a planned stop).' })
  endsAt?: Date | null;

  @Field(() => Boolean, { description: 'A planned stop (source PLANNED) rather than a manual one (MANUAL).' })
  planned!: boolean;

  @Field(() => String, { nullable: true })
  @MaxLength(4000)
  textForResidents?: string | null;
}

/** `endIncident(id, note)`: the note is kept on the incident (`endNote`) and shown to staff. */
@ArgsType()
export class EndIncidentArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  note?: string | null;
}

@InputType()
export class IncidentFilter {
  @Field(() => Boolean, { nullable: true, description: 'true: SCHEDULED or ACTIVE; false: ENDED.' })
  active?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Incidents affecting this building.' })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Incidents affecting this unit.' })
  unitId?: string | null;
}

@ObjectType()
export class IncidentConnection extends Connection(Incident) {}
