/** `npm run schema:emit`: writes schema/schema.graphql, the committed SDL of the API. */
import 'reflect-metadata';
import path from 'node:path';
import { printSchemaFile } from './schema-sdl';

printSchemaFile(path.resolve(__dirname, '../schema/schema.graphql')).then(
  (file) => process.stdout.write(`wrote ${file}\n`),
  (error: unknown) => {
    process.stderr.write(String(error) + '\n');
    process.exit(1);
  },
);
