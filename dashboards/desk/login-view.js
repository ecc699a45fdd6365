/**
 * The login screen: username and password, the Login mutation, errors in the current
 * language. The token and the staff member go to the caller (`onLoggedIn`), which keeps them.
 */
import { h, fill } from './dom.js';
import { t, toggleLang } from './i18n.js';

/**
 * @param {HTMLElement} root
 * @param {{ api: object, onLoggedIn(session: { token: string, staff: object }): void }} deps
 */
export function createLoginView(root, { api, onLoggedIn }) {
  const heading = h('h1', { class: 'login-title' });
  const subtitle = h('p', { class: 'muted' });
  const userLabel = h('label', { for: 'login-username' });
  const username = h('input', {
    id: 'login-username',
    name: 'username',
    testid: 'login-username',
    autocomplete: 'username',
    required: true,
    autocapitalize: 'off',
    spellcheck: 'false',
  });
  const passLabel = h('label', { for: 'login-password' });
  const password = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    testid: 'login-password',
    autocomplete: 'current-password',
    required: true,
  });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'login-submit' });
  const error = h('p', { class: 'login-error', testid: 'login-error', role: 'alert', 'aria-live': 'assertive' });
  const langButton = h('button', {
    type: 'button',
    class: 'btn btn-quiet',
    testid: 'lang-toggle',
    onclick: () => toggleLang(),
  });
  const form = h(
    'form',
    { class: 'login-card', testid: 'login-form', novalidate: true },
    h('div', { class: 'login-top' }, heading, langButton),
    subtitle,
    userLabel,
    username,
    passLabel,
    password,
    error,
    submit,
  );
  fill(root, form);

  /** The message on screen, as a key, so it follows a language switch. */
  let shown = null; // { key, params }
  let busy = false;

  function showError(key, params = {}) {
    shown = key ? { key, params } : null;
    error.textContent = key ? t(key, params) : '';
    error.hidden = !key;
  }

  function render() {
    heading.textContent = t('app.title');
    subtitle.textContent = t('app.centre');
    userLabel.textContent = t('login.username');
    passLabel.textContent = t('login.password');
    submit.textContent = t(busy ? 'login.submitting' : 'login.submit');
    langButton.textContent = t('lang.switch');
    langButton.setAttribute('aria-label', t('lang.switchLabel'));
    showError(shown?.key, shown?.params);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const name = username.value.trim();
    if (!name || !password.value) return showError('login.required');
    busy = true;
    submit.disabled = true;
    showError(null);
    render();
    try {
      const data = await api.request('Login', { username: name, password: password.value });
      password.value = '';
      onLoggedIn({ token: data.login.token, staff: data.login.staff });
    } catch (err) {
      if (err.kind === 'auth' || err.code === 'BAD_USER_INPUT' || err.code === 'FORBIDDEN') showError('login.invalid');
      else if (err.kind === 'network') showError('error.network');
      else showError('login.failed', { detail: err.message });
      password.select();
    } finally {
      busy = false;
      submit.disabled = false;
      render();
    }
  });

  return {
    render,
    /** Shows the form, with an optional message key (session expired, signed out). */
    show(messageKey = null) {
      root.hidden = false;
      showError(messageKey);
      render();
      (username.value ? password : username).focus();
    },
    hide() {
      root.hidden = true;
    },
  };
}
