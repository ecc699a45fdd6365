import type { EntityName, FilterQuery, FindOptions } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { AppError } from './app-error';

/** Where a page ends (service-desk contract: `pageInfo { hasNextPage endCursor }`). */
@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on an empty page.' })
  endCursor!: string | null;
}

/**
 * A page of a list: `totalCount` of everything the filter matches, the page's `nodes` and
 * where it ends (test/contract-operations.graphql `alerts(...) { totalCount nodes { ... } }`,
 * service-desk contract `pageInfo`).
 */
export function Connection<T extends object>(node: ClassType<T>) {
  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => Int)
    totalCount!: number;

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => [node])
    nodes!: T[];
  }
  return ConnectionClass;
}

/** The largest page a list query returns; larger `first` values are refused. */
export const MAX_PAGE_SIZE = 500;

/** The paging arguments every list takes: `first` (≤ 500) and `after`, or the older `offset`. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 50 })
  first: number = 50;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;

  @Field(() => Int, { defaultValue: 0, description: 'Rows to skip (older lists; prefer `after`).' })
  offset: number = 0;
}

export interface PageRequest {
  first: number;
  offset?: number;
  after?: string | null;
}

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

/**
 * Cursors are opaque to clients; they carry the position in the list. A cursor from another
 * list or a forged one is BAD_USER_INPUT, never a wrong page served silently.
 */
const CURSOR_PREFIX = 'fd1:';

export function encodeCursor(position: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${position}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const position = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(position) || position < 0) throw AppError.badInput('after is not a cursor of this list');
  return position;
}

/** The rows to skip for a page request: after a cursor, or the older offset. */
export function startOf(page: PageRequest): number {
  if (!Number.isInteger(page.first) || page.first < 0 || page.first > MAX_PAGE_SIZE) {
    throw AppError.badInput(`first must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  const offset = page.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw AppError.badInput('offset must not be negative');
  if (page.after && offset > 0) throw AppError.badInput('give after or offset, not both');
  return page.after ? decodeCursor(page.after) : offset;
}

/** A page built from its rows, where it started and the total. */
export function pageOf<T>(nodes: T[], start: number, totalCount: number): Page<T> {
  const end = start + nodes.length;
  return {
    nodes,
    totalCount,
    pageInfo: { hasNextPage: end < totalCount, endCursor: nodes.length > 0 ? encodeCursor(end) : null },
  };
}

/**
 * One page and its total. A first page that is not full is the whole list, so it needs no
 * `count(*)` statement: the desk's overview (a few dozen active alerts) costs one statement.
 */
export async function findPage<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: PageRequest,
  options: Pick<FindOptions<T, never>, 'orderBy'> & { populate?: readonly string[] },
): Promise<Page<T>> {
  const start = startOf(page);
  const nodes = await em.find(entity, where, {
    ...options,
    populate: options.populate as never,
    limit: page.first,
    offset: start,
  });
  const totalCount = start === 0 && nodes.length < page.first ? nodes.length : await em.count(entity, where);
  return pageOf(nodes, start, totalCount);
}
