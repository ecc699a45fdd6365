/** Stops what global-setup started (jest globalTeardown runs in the same process). */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __fdServices?: { stop(): Promise<void> } }).__fdServices?.stop();
}
