import { MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../common/connection';
import { Callback } from './callback.entity';
import { CallbackStatus } from './callback.enums';

@InputType()
export class CallbackFilter {
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: DUE and due now (dueAt ≤ now); false: DUE and due later.',
  })
  due?: boolean | null;

  @Field(() => CallbackStatus, { nullable: true })
  status?: CallbackStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: assigned to the caller, or not assigned yet (anyone of its site may take it).',
  })
  assignedToMe?: boolean | null;
}

@InputType()
export class RecordCallbackInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Boolean, { description: 'Whether the resident was reached.' })
  reached!: boolean;

  @Field(() => Int, { nullable: true, description: '1 (very unhappy) … 5 (very happy); required when reached.' })
  satisfaction?: number | null;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  comment?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version the caller saw; stale → CONFLICT.' })
  version?: number | null;
}

@InputType()
export class CancelCallbackInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version the caller saw; stale → CONFLICT.' })
  version!: number;

  @Field(() => String, { description: 'Why the resident is not to be called (kept on the callback).' })
  @MaxLength(2000)
  reason!: string;
}

@ObjectType()
export class CallbackConnection extends Connection(Callback) {}
