import { Length } from 'class-validator';
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** incidents contract `ImportInput`: the file's name (its extension tells .xlsx from .csv) and its bytes. */
@InputType()
export class ImportInput {
  @Field()
  @Length(1, 255)
  filename!: string;

  @Field({ description: 'The file, base64; at most 10 MiB of base64 and 50,000 rows.' })
  contentBase64!: string;

  @Field({ description: 'Check every row and import nothing.' })
  dryRun!: boolean;
}

@ObjectType({ description: 'A bad row of an import: its row as the file shows it, the column by its header, and why.' })
export class ImportRowError {
  @Field(() => Int)
  row!: number;

  @Field(() => String, { nullable: true, description: 'The header as written in the file; null for the whole row.' })
  column!: string | null;

  @Field()
  message!: string;
}

@ObjectType()
export class ImportResult {
  @Field()
  dryRun!: boolean;

  @Field(() => Int, { description: 'Data rows in the file (blank rows not counted).' })
  rows!: number;

  @Field(() => Int, { description: 'Occupancies written: 0 for a dry run or a file with any bad row.' })
  imported!: number;

  @Field(() => [ImportRowError])
  errors!: ImportRowError[];
}

export enum ExportFormat {
  XLSX = 'XLSX',
  CSV = 'CSV',
}
registerEnumType(ExportFormat, { name: 'ExportFormat' });

export enum HeaderLanguage {
  ZH = 'ZH',
  EN = 'EN',
}
registerEnumType(HeaderLanguage, {
  name: 'HeaderLanguage',
  description: 'The header row of an export: Chinese (楼栋, 房号, …) or English (building, unit, …).',
});

@ObjectType({ description: 'An exported file: CSV is UTF-8 with a byte-order mark (Excel opens it as UTF-8).' })
export class ExportFile {
  @Field()
  filename!: string;

  @Field()
  contentBase64!: string;

  @Field(() => Int, { description: 'Data rows, the header row not counted.' })
  rows!: number;
}
