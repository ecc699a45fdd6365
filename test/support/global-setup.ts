import 'reflect-metadata';
import { publishServices, startTestServices } from './services';

/** Starts the shared real services once for the whole run (jest globalSetup). */
export default async function globalSetup(): Promise<void> {
  const services = await startTestServices();
  publishServices(services);
  (globalThis as { __fdServices?: { stop(): Promise<void> } }).__fdServices = services;
}
