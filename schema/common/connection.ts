import { ClassType, Field, Int, ObjectType } from 'type-graphql';

/**
 * A page of a list: `totalCount` of everything the filter matches and the first `nodes`
 * (operations.graphql: `alerts(...) { totalCount nodes { ... } }`).
 */
export function Connection<T extends object>(node: ClassType<T>) {
  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => Int)
    totalCount!: number;

    @Field(() => [node])
    nodes!: T[];
  }
  return ConnectionClass;
}

/** The largest page a list query returns; larger `first` values are refused. */
export const MAX_PAGE_SIZE = 500;
