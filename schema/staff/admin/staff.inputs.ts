import { ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Role } from '../role.enum';

/** core.graphql: CreateStaffInput { username, name, role, password, siteIds } */
@InputType()
export class CreateStaffInput {
  @Field()
  @Matches(/^[A-Za-z0-9._-]{2,64}$/, { message: 'username must be 2-64 characters of A-Z a-z 0-9 . _ -' })
  username!: string;

  @Field()
  @Length(1, 100)
  name!: string;

  @Field(() => Role)
  role!: Role;

  /** at least 10 characters: checked by the service (password-policy.ts), BAD_USER_INPUT */
  @Field()
  password!: string;

  @Field(() => [ID])
  @ArrayMaxSize(500)
  siteIds!: string[];
}

/** core.graphql: UpdateStaffInput { id, role, siteIds, active, password }; what is left out stays. */
@InputType()
export class UpdateStaffInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  siteIds?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;

  @Field(() => String, { nullable: true })
  password?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'The version the caller saw; CONFLICT when the account has changed since. Left out: changes apply in turn.',
  })
  expectedVersion?: number | null;
}
