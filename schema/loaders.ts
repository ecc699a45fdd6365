import { EntityClass, Reference, wrap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

type WithId = object & { id: string };
type RefOrEntity<T extends object> = T | Reference<T>;

/**
 * Batched loading of relations for field resolvers (no N+1): within one request, every
 * `load(Equipment, ref)` of a tick becomes one `select … where id in (…)`. A relation
 * that is already loaded (populated, or in the identity map) costs nothing.
 */
export class EntityLoaders {
  private readonly byClass = new Map<EntityClass<object>, DataLoader<string, object | null>>();
  private readonly byName = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly em: EntityManager) {}

  /**
   * A batched lookup of the request other than an entity by id (a to-many relation, say):
   * `batch` gets every key asked for in one tick and answers them in order, with this
   * request's EntityManager (scoped to the caller's sites).
   */
  batched<V>(name: string, batch: (em: EntityManager, keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    let loader = this.byName.get(name);
    if (!loader) {
      loader = new DataLoader<string, unknown>((keys) => batch(this.em, keys));
      this.byName.set(name, loader);
    }
    return loader as DataLoader<string, V>;
  }

  /**
   * The entity a relation points to. Synchronous when it is already loaded (no promise per
   * field: the desk's overview resolves thousands of these), batched otherwise.
   */
  load<T extends WithId>(cls: EntityClass<T>, ref: RefOrEntity<T>): T | Promise<T> {
    const entity = this.loadOptional(cls, ref);
    const present = (found: T | null): T => {
      if (!found) throw new Error(`${cls.name} ${idOf(ref)} is referenced but missing`);
      return found;
    };
    return entity instanceof Promise ? entity.then(present) : present(entity);
  }

  loadOptional<T extends WithId>(
    cls: EntityClass<T>,
    ref: RefOrEntity<T> | null | undefined,
  ): T | null | Promise<T | null> {
    if (!ref) return null;
    const entity = Reference.unwrapReference(ref as T);
    if (wrap(entity).isInitialized()) return entity;
    return this.loaderFor(cls).load(entity.id) as Promise<T | null>;
  }

  private loaderFor<T extends WithId>(cls: EntityClass<T>): DataLoader<string, object | null> {
    let loader = this.byClass.get(cls as EntityClass<object>);
    if (!loader) {
      loader = new DataLoader<string, object | null>(async (ids) => {
        const rows = await this.em.find(cls, { id: { $in: [...ids] } } as never);
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.byClass.set(cls as EntityClass<object>, loader);
    }
    return loader;
  }
}

function idOf<T extends WithId>(ref: RefOrEntity<T>): string {
  return Reference.unwrapReference(ref as T).id;
}
