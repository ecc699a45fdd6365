/**
 * The optional new-alarm beep: WebAudio tones, no audio asset. Off by default; the choice is
 * remembered. The AudioContext is made on the click that turns sound on (autoplay policy).
 */
const STORAGE_KEY = 'facilitydesk.desk.sound';

export function createBeeper() {
  let context = null;
  let enabled = false;
  try {
    enabled = localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    enabled = false;
  }

  // A remembered "on" needs a user gesture after a reload before audio may start (autoplay
  // policy): the operator's first click or key press anywhere unlocks it.
  const unlock = () => enabled && ensureContext();
  document.addEventListener('pointerdown', unlock);
  document.addEventListener('keydown', unlock);

  function ensureContext() {
    const AudioContext = window.AudioContext ?? window.webkitAudioContext;
    if (!context && AudioContext) context = new AudioContext();
    if (context?.state === 'suspended') context.resume().catch(() => {});
    return context;
  }

  function tone(ctx, startS, frequencyHz, durationS) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequencyHz;
    gain.gain.setValueAtTime(0.0001, startS);
    gain.gain.exponentialRampToValueAtTime(0.25, startS + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, startS + durationS);
    osc.connect(gain).connect(ctx.destination);
    osc.start(startS);
    osc.stop(startS + durationS + 0.02);
  }

  return {
    get enabled() {
      return enabled;
    },
    /** Call from a user gesture (the toggle's click). */
    setEnabled(on) {
      enabled = Boolean(on);
      try {
        localStorage.setItem(STORAGE_KEY, enabled ? 'on' : 'off');
      } catch {
        // not remembered; still works for this page
      }
      if (enabled) ensureContext();
    },
    /** Two tones for CRITICAL, one for anything else. */
    beep(severity) {
      if (!enabled) return;
      const ctx = ensureContext();
      if (!ctx) return;
      const now = ctx.currentTime;
      tone(ctx, now, 880, 0.18);
      if (severity === 'CRITICAL') tone(ctx, now + 0.25, 880, 0.18);
    },
  };
}
