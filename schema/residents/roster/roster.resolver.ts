import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { ARCHIVE_KEEPERS, ARCHIVE_READERS } from '../archive-roles';
import type { RosterExportService } from './roster-export.service';
import type { RosterImportService } from './roster-import.service';
import { ExportFile, ExportFormat, HeaderLanguage, ImportInput, ImportResult } from './roster.inputs';

/** The resident roster and the unit list as spreadsheets (README "The service desk", the roster). */
@Resolver()
export class RosterResolver {
  constructor(
    private readonly importer: RosterImportService,
    private readonly exporter: RosterExportService,
  ) {}

  /** incidents contract `ImportResidents` (ARCHIVE_KEEPERS): all rows or none; every bad row listed. */
  @Authorized(ARCHIVE_KEEPERS)
  @Mutation(() => ImportResult)
  importResidents(@Arg('input') input: ImportInput, @Ctx() ctx: RequestContext): Promise<ImportResult> {
    return this.importer.import(ctx.em, ctx.caller!, input);
  }

  /** Current residents of the caller's sites, with the import's columns; phones per role (phone.ts). */
  @Authorized(ARCHIVE_READERS)
  @Query(() => ExportFile)
  exportResidents(
    @Arg('format', () => ExportFormat) format: ExportFormat,
    @Arg('headers', () => HeaderLanguage, { defaultValue: HeaderLanguage.ZH }) headers: HeaderLanguage,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportFile> {
    return this.exporter.residents(ctx.em, ctx.caller!, format, headers);
  }

  /** The units of the caller's sites. */
  @Authorized(ARCHIVE_READERS)
  @Query(() => ExportFile)
  exportUnits(
    @Arg('format', () => ExportFormat) format: ExportFormat,
    @Arg('headers', () => HeaderLanguage, { defaultValue: HeaderLanguage.ZH }) headers: HeaderLanguage,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportFile> {
    return this.exporter.units(ctx.em, ctx.caller!, format, headers);
  }
}
