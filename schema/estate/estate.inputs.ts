import { Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

/** a code is a level of device topics: devices/CONTRACT.md id rule */
const CODE = /^[A-Za-z0-9_-]{1,64}$/;
const CODE_MESSAGE = 'code must be 1-64 characters of A-Z a-z 0-9 _ -';

/** core.graphql: CreateSiteInput { code, name } */
@InputType()
export class CreateSiteInput {
  @Field()
  @Matches(CODE, { message: CODE_MESSAGE })
  code!: string;

  @Field()
  @Length(1, 200)
  name!: string;
}

/** core.graphql: CreateBuildingInput { siteId, code, name } */
@InputType()
export class CreateBuildingInput {
  @Field(() => ID)
  siteId!: string;

  @Field()
  @Matches(CODE, { message: CODE_MESSAGE })
  code!: string;

  @Field()
  @Length(1, 200)
  name!: string;
}
