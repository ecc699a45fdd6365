/**
 * The operations of test/contract-service-desk.graphql (a verbatim copy of the shared service
 * desk contract), by name, so tests run them exactly as written.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, print, type OperationDefinitionNode } from 'graphql';

const operations = new Map(
  parse(readFileSync(path.resolve(__dirname, '../contract-service-desk.graphql'), 'utf8'))
    .definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
    .map((op) => [op.name!.value, print(op)]),
);

export function deskOp(name: string): string {
  const text = operations.get(name);
  if (!text) throw new Error(`service desk contract operation ${name} is missing`);
  return text;
}
