import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { Severity } from '../severity.enum';
import { Alert } from './alert.entity';
import { AlertStatus } from './alert-status.enum';

@InputType()
export class AlertFilter {
  @Field(() => Boolean, { nullable: true, description: 'true: not yet cleared; false: cleared.' })
  active?: boolean | null;

  @Field(() => [AlertStatus], { nullable: true })
  status?: AlertStatus[] | null;

  @Field(() => [Severity], { nullable: true })
  severity?: Severity[] | null;

  @Field(() => ID, { nullable: true })
  equipmentId?: string | null;
}

@ObjectType()
export class AlertConnection extends Connection(Alert) {}
