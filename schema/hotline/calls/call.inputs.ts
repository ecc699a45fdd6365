import { Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { CallChannel } from './call-channel.enum';
import { Call } from './call.entity';

/** service-desk contract: StartCallInput { phone, channel, recordingRef } */
@InputType()
export class StartCallInput {
  @Field({ description: "The caller's number as typed or received; any separators are dropped." })
  @Length(1, 40)
  phone!: string;

  @Field(() => CallChannel)
  channel!: CallChannel;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  recordingRef?: string | null;
}

@InputType()
export class CallFilter {
  @Field(() => String, { nullable: true, description: 'Calls from this number (separators ignored).' })
  @MaxLength(40)
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: 'Calls matched to this resident.' })
  residentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: not ended yet; false: ended.' })
  open?: boolean | null;
}

@ObjectType()
export class CallConnection extends Connection(Call) {}
