// Pure logic of gateway/shutdown.ts: real timers, steps faked as promises, the log collected in memory.
import { ShutdownSequence } from '../../gateway/shutdown';
import { createLogger } from '../../devices/log';

function collectingLog() {
  const lines: string[] = [];
  return { lines, log: createLogger('info', (line) => lines.push(line.replace(/^\S+ /, ''))) };
}

describe('ShutdownSequence', () => {
  it('runs the steps in reverse order and logs each one with its duration', async () => {
    const { lines, log } = collectingLog();
    const order: string[] = [];
    const sequence = new ShutdownSequence(log);
    for (const name of ['database', 'influxdb', 'http']) sequence.push(name, async () => void order.push(name), 1000);
    await sequence.run();
    expect(order).toEqual(['http', 'influxdb', 'database']);
    expect(lines.filter((l) => /^INFO shutdown: \w+ stopped in \d+ ms$/.test(l))).toHaveLength(3);
    expect(lines.at(-1)).toMatch(/^INFO shutdown: done in \d+ ms$/);
  });

  it('leaves a step that hangs after its bound and still runs the next ones', async () => {
    const { lines, log } = collectingLog();
    const ran: string[] = [];
    const sequence = new ShutdownSequence(log);
    sequence.push('database', async () => void ran.push('database'), 1000);
    sequence.push('http', () => new Promise<void>(() => undefined), 50); // a client that never answers
    const t0 = Date.now();
    await sequence.run();
    expect(Date.now() - t0).toBeLessThan(1000); // bounded: it would never have ended
    expect(ran).toEqual(['database']);
    expect(lines).toContain('WARN shutdown: http did not stop within 50 ms; going on');
  });

  it('logs a step that fails and goes on; a second run() waits for the first and runs nothing again', async () => {
    const { lines, log } = collectingLog();
    let runs = 0;
    const sequence = new ShutdownSequence(log);
    sequence.push('database', async () => void runs++, 1000);
    sequence.push('mqtt', () => Promise.reject(new Error('broker gone')), 1000);
    await Promise.all([sequence.run(), sequence.run()]);
    await sequence.run();
    expect(runs).toBe(1);
    expect(lines.some((l) => l.startsWith('ERROR shutdown step failed: mqtt {"error":"broker gone"'))).toBe(true);
  });
});
