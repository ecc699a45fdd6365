import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../common/connection';
import { AuditEntry } from './audit-entry.entity';

@InputType()
export class AuditFilter {
  @Field(() => ID, { nullable: true, description: 'Changes made by this member of staff.' })
  staffId?: string | null;

  @Field(() => String, { nullable: true })
  action?: string | null;

  @Field(() => String, { nullable: true })
  entityType?: string | null;

  @Field(() => ID, { nullable: true })
  entityId?: string | null;

  @Field(() => Date, { nullable: true, description: 'At or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this time.' })
  to?: Date | null;
}

@ObjectType()
export class AuditEntryConnection extends Connection(AuditEntry) {}
