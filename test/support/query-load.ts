/**
 * API load from another process, as real clients are: `startQueryLoad` forks this file, which
 * sends one GraphQL query back to back on `loops` concurrent loops per token until told to stop,
 * then reports what came back. The platform under test pays only for serving it, not for
 * building requests or parsing answers.
 */
import { fork } from 'node:child_process';

export interface QueryLoadCounts {
  ok: number;
  tooMany: number;
  other: number;
  otherSample: string | null;
}

interface Start {
  url: string;
  tokens: string[];
  loops: number;
  query: string;
}

export async function startQueryLoad(options: Start): Promise<{ stop(): Promise<QueryLoadCounts> }> {
  const child = fork(__filename, [], {
    execArgv: ['-r', '@swc-node/register'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`query load exited early (${code})`)));
    child.send(options);
  });
  return {
    stop: () =>
      new Promise<QueryLoadCounts>((resolve) => {
        child.once('message', (counts) => {
          child.kill();
          resolve(counts as QueryLoadCounts);
        });
        child.send('stop');
      }),
  };
}

async function runLoad(options: Start): Promise<void> {
  const counts: QueryLoadCounts = { ok: 0, tooMany: 0, other: 0, otherSample: null };
  let stopped = false;
  const loop = async (token: string) => {
    while (!stopped) {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: options.query }),
      });
      const text = await response.text();
      if (response.status === 429) counts.tooMany++;
      else if (response.status === 200 && !text.includes('"errors"')) counts.ok++;
      else {
        counts.other++;
        counts.otherSample ??= `${response.status} ${text.slice(0, 300)}`;
      }
    }
  };
  const loops = options.tokens.flatMap((token) => Array.from({ length: options.loops }, () => loop(token)));
  process.send!('started');
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  stopped = true;
  await Promise.all(loops);
  process.send!(counts);
}

if (require.main === module) {
  // the test process went away (a failed test never said stop): so does the load
  process.once('disconnect', () => process.exit(0));
  process.once('message', (options) => void runLoad(options as Start));
}
