/**
 * The operations of test/contract-service-desk.graphql (a verbatim copy of the shared service
 * desk contract), by name, so tests run them exactly as written.
 */
import { loadContract } from './core-operations';

export const serviceDeskContract = loadContract('contract-service-desk.graphql');

export const deskOp = serviceDeskContract.op;
