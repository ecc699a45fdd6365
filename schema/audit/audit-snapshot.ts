import { ReferenceKind, Reference, wrap } from '@mikro-orm/core';

/**
 * An entity as an audit row keeps it: its columns and the ids it points to, never a secret
 * (`hidden` properties such as password hashes) and never a collection. Dates as ISO text.
 */
export function auditSnapshot(entity: object): Record<string, unknown> {
  const meta = wrap(entity, true).__meta;
  const snapshot: Record<string, unknown> = {};
  for (const prop of meta.props) {
    if (prop.hidden || prop.kind === ReferenceKind.ONE_TO_MANY || prop.kind === ReferenceKind.MANY_TO_MANY) continue;
    const value = (entity as Record<string, unknown>)[prop.name];
    if (value === undefined) continue;
    if (prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE) {
      snapshot[prop.name] =
        value === null ? null : wrap(Reference.unwrapReference(value as object), true).getPrimaryKey();
    } else {
      snapshot[prop.name] = value instanceof Date ? value.toISOString() : value;
    }
  }
  return snapshot;
}
