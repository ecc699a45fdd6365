/**
 * The desk's header: the centre and site, a clock, the live-connection indicator, the
 * operator, and the sound, language and sign-out controls.
 */
import { h, fill } from './dom.js';
import { t, tEnum, toggleLang, getLang } from './i18n.js';

/**
 * @param {HTMLElement} root
 * @param {{ onLogout(): void, onSound(on: boolean): void }} handlers
 */
export function createHeaderView(root, { onLogout, onSound }) {
  const title = h('h1', { class: 'app-title' });
  const place = h('span', { class: 'place muted' });
  const clock = h('span', { class: 'clock num', 'aria-hidden': 'true' });
  const connText = h('span');
  const connection = h(
    'span',
    { class: 'conn', testid: 'connection-status', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'conn-dot', 'aria-hidden': 'true' }),
    connText,
  );
  const operator = h('span', { class: 'operator', testid: 'operator' });
  const sound = h('button', { type: 'button', class: 'btn btn-quiet', testid: 'sound-toggle' });
  const lang = h('button', {
    type: 'button',
    class: 'btn btn-quiet',
    testid: 'lang-toggle',
    onclick: () => toggleLang(),
  });
  const logout = h('button', {
    type: 'button',
    class: 'btn btn-quiet',
    testid: 'logout-button',
    onclick: () => onLogout(),
  });
  sound.addEventListener('click', () => onSound(sound.getAttribute('aria-pressed') !== 'true'));
  fill(
    root,
    h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'FD'), title, place),
    h('span', { class: 'spacer' }),
    clock,
    connection,
    operator,
    sound,
    lang,
    logout,
  );

  const state = { staff: null, buildings: [], connection: 'reconnecting', sound: false };

  function render() {
    title.textContent = t('app.title');
    place.textContent = [t('app.centre'), placeName(state.buildings)].filter(Boolean).join(' · ');
    connection.dataset.state = state.connection;
    connText.textContent = t(`conn.${state.connection}`);
    fill(
      operator,
      h('span', { class: 'muted' }, `${t('header.operator')} `),
      h('span', { class: 'strong' }, state.staff?.name ?? '—'),
      state.staff?.role ? h('span', { class: 'role' }, tEnum('role', state.staff.role)) : null,
    );
    sound.textContent = t(state.sound ? 'header.soundOn' : 'header.soundOff');
    sound.setAttribute('aria-pressed', String(state.sound));
    lang.textContent = t('lang.switch');
    lang.setAttribute('aria-label', t('lang.switchLabel'));
    logout.textContent = t('header.logout');
    tick();
  }

  function tick() {
    clock.textContent = new Intl.DateTimeFormat(getLang(), {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).format(new Date());
  }

  /** Merges `patch` ({ staff, buildings, connection: connected|reconnecting|offline, sound }) and re-renders. */
  function set(patch) {
    Object.assign(state, patch);
    render();
  }

  render();
  return { set, render, tick };
}

/** The site's name (and the building's, when the platform watches just one). */
function placeName(buildings) {
  const sites = [...new Set(buildings.map((b) => b.site?.name).filter(Boolean))];
  if (buildings.length === 1) return [sites[0], buildings[0].name].filter(Boolean).join(' ');
  return sites.length === 1 ? sites[0] : null;
}
