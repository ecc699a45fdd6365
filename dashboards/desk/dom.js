/**
 * Tiny DOM builder. Strings become text nodes (textContent), never markup: data from the
 * platform (equipment names, messages, notes) can't inject HTML (OWASP XSS, rule #1).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'testid') el.dataset.testid = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends children: nodes as they are, strings and numbers as text, arrays flattened, null skipped. */
export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces every child of `el`. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/**
 * Keyed list rendering: `container` ends up holding one node per record, in the records' order.
 * A node is made once per id (`create`), redrawn only when its `signature` changes, moved only
 * when out of place (moving a node would drop keyboard focus), and removed with its record.
 */
export function reconcile(container, nodes, records, { create, render, signature }) {
  const keep = new Set();
  records.forEach((record, index) => {
    const id = String(record.id);
    keep.add(id);
    const node = nodes.get(id) ?? create(id);
    const sign = signature(record, id);
    if (node.dataset.signature !== sign) {
      render(node, record);
      node.dataset.signature = sign;
    }
    if (container.children[index] !== node) container.insertBefore(node, container.children[index] ?? null);
  });
  for (const [id, node] of nodes) {
    if (!keep.has(id)) {
      node.remove();
      nodes.delete(id);
    }
  }
}
