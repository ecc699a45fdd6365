import { Kind, type SelectionSetNode, type ValidationRule } from 'graphql';
import { limitError } from './limit-error';

/**
 * Refuses a selection set that asks for one response key more than `max` times (`me { id id id … }`,
 * or the same fields spread again and again through inline fragments or one named fragment).
 * Such repeats merge into one answer, so they buy a client nothing, while graphql-js compares
 * every pair of them to check they can merge. Inline fragments count into the set they sit in.
 */
export function repeatedFieldsRule(max: number): ValidationRule {
  return (context) => {
    let reported = false;
    const check = (set: SelectionSetNode) => {
      if (reported) return;
      const seen = new Map<string, number>();
      const count = (inner: SelectionSetNode) => {
        for (const selection of inner.selections) {
          if (selection.kind === Kind.INLINE_FRAGMENT) {
            count(selection.selectionSet);
            continue;
          }
          const key =
            selection.kind === Kind.FIELD ? (selection.alias ?? selection.name).value : `...${selection.name.value}`;
          const n = (seen.get(key) ?? 0) + 1;
          seen.set(key, n);
          if (n > max && !reported) {
            reported = true;
            context.reportError(limitError(`"${key}" is asked for more than ${max} times in one selection`));
          }
        }
      };
      count(set);
    };
    return { SelectionSet: check };
  };
}
