/**
 * The problems banner under the header: one message per source (alerts, work orders, the
 * live feed, an acknowledgement), kept as i18n keys so it follows a language switch. Equal
 * messages show once ("cannot reach the server" from four queries is one problem).
 */
import { h, fill } from './dom.js';
import { t } from './i18n.js';

/** The message for a failed request: network problems in plain words, others with the detail. */
export const problemOf = (err) =>
  err.kind === 'network' ? { key: 'error.network' } : { key: 'error.query', params: { detail: err.message } };

export function createBanner(root) {
  const problems = new Map(); // source → { key, params }

  function render() {
    root.hidden = problems.size === 0;
    const messages = new Set([...problems.values()].map(({ key, params }) => t(key, params)));
    fill(
      root,
      [...messages].map((text) => h('p', {}, text)),
    );
  }

  render();
  return {
    render,
    /** Sets (or, with null, clears) the problem of one source. */
    set(source, problem) {
      if (problem) problems.set(source, problem);
      else problems.delete(source);
      render();
    },
    clear() {
      problems.clear();
      render();
    },
  };
}
