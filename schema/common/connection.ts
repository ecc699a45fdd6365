import type { EntityName, FilterQuery, FindOptions } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { AppError } from './app-error';

/**
 * A page of a list: `totalCount` of everything the filter matches and the first `nodes`
 * (test/contract-operations.graphql: `alerts(...) { totalCount nodes { ... } }`).
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

export interface Page<T> {
  nodes: T[];
  totalCount: number;
}

/**
 * One page and its total. A first page that is not full is the whole list, so it needs no
 * `count(*)` statement: the desk's overview (a few dozen active alerts) costs one statement.
 */
export async function findPage<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: { first: number; offset: number },
  options: Pick<FindOptions<T, never>, 'orderBy'> & { populate?: readonly string[] },
): Promise<Page<T>> {
  if (!Number.isInteger(page.first) || page.first < 0 || page.first > MAX_PAGE_SIZE) {
    throw AppError.badInput(`first must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  if (!Number.isInteger(page.offset) || page.offset < 0) throw AppError.badInput('offset must not be negative');
  const nodes = await em.find(entity, where, {
    ...options,
    populate: options.populate as never,
    limit: page.first,
    offset: page.offset,
  });
  const totalCount = page.offset === 0 && nodes.length < page.first ? nodes.length : await em.count(entity, where);
  return { nodes, totalCount };
}
