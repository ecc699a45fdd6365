import { ResidentRelation } from '../resident-relation.enum';

/** The columns of a resident roster, as the import reads them and the export writes them. */
export type RosterColumn = 'site' | 'building' | 'unit' | 'floor' | 'name' | 'phone' | 'relation' | 'since';

/** The columns a roster must have; the others are optional (site, floor, since). */
export const REQUIRED_COLUMNS: readonly RosterColumn[] = ['building', 'unit', 'name', 'phone', 'relation'];

/** The headers the export writes, in this order (README "The service desk", the roster). */
export const ROSTER_HEADERS: Record<'ZH' | 'EN', Record<RosterColumn, string>> = {
  ZH: {
    site: '小区',
    building: '楼栋',
    unit: '房号',
    floor: '楼层',
    name: '姓名',
    phone: '手机',
    relation: '关系',
    since: '入住日期',
  },
  EN: {
    site: 'site',
    building: 'building',
    unit: 'unit',
    floor: 'floor',
    name: 'name',
    phone: 'phone',
    relation: 'relation',
    since: 'since',
  },
};

/**
 * The headers each column is recognised by, compared after `headerKey` (case, spaces,
 * underscores, hyphens, a trailing `*` or a bracketed note such as "手机（必填）" do not
 * matter). Property managers' own sheets use these words; an unknown header is ignored.
 */
const HEADER_WORDS: Record<RosterColumn, readonly string[]> = {
  site: ['site', 'sitecode', 'estate', '小区', '项目', '物业项目', '小区编码'],
  building: ['building', 'buildingcode', 'bldg', 'block', 'tower', '楼栋', '楼号', '楼宇', '栋', '楼栋号', '楼栋编码'],
  unit: ['unit', 'unitcode', 'room', 'flat', 'apartment', '房号', '房间号', '房间', '户号', '门牌号', '房屋编号'],
  floor: ['floor', 'level', 'storey', '楼层', '层', '所在楼层'],
  name: ['name', 'fullname', 'resident', 'residentname', '姓名', '名字', '住户姓名', '业主姓名', '住户', '联系人'],
  phone: [
    'phone',
    'mobile',
    'tel',
    'telephone',
    'phonenumber',
    'mobilephone',
    'cell',
    '电话',
    '手机',
    '手机号',
    '手机号码',
    '电话号码',
    '联系电话',
    '联系方式',
  ],
  relation: [
    'relation',
    'relationship',
    'type',
    'residenttype',
    'occupancy',
    '关系',
    '身份',
    '类型',
    '住户类型',
    '与房屋关系',
  ],
  since: ['since', 'movein', 'moveindate', 'movedin', 'from', 'startdate', '入住日期', '入住时间', '入住', '起始日期'],
};

/** A header as compared: lower case, without spaces, `_`, `-`, `*`, `:` or a bracketed note. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC') // full-width letters and brackets typed on a Chinese keyboard
    .toLowerCase()
    .replace(/\(.*?\)|（.*?）|\[.*?\]/g, '')
    .replace(/[\s_\-*:：]/g, '');
}

const COLUMN_OF_KEY = new Map<string, RosterColumn>(
  (Object.entries(HEADER_WORDS) as Array<[RosterColumn, readonly string[]]>).flatMap(([column, words]) =>
    words.map((word) => [headerKey(word), column] as [string, RosterColumn]),
  ),
);

/** The column a header names, or null for a header the roster does not know. */
export function columnOfHeader(header: string): RosterColumn | null {
  return COLUMN_OF_KEY.get(headerKey(header)) ?? null;
}

/** The words a relation is written with: the enum (any case) or its Chinese name, and common synonyms. */
const RELATION_WORDS: Record<ResidentRelation, readonly string[]> = {
  [ResidentRelation.OWNER]: ['owner', '业主', '产权人', '房主', '户主'],
  [ResidentRelation.TENANT]: ['tenant', 'renter', '租户', '租客', '承租人', '租住'],
  [ResidentRelation.FAMILY]: ['family', 'familymember', '家属', '家庭成员', '同住人', '亲属'],
};

const RELATION_OF_WORD = new Map<string, ResidentRelation>(
  (Object.entries(RELATION_WORDS) as Array<[ResidentRelation, readonly string[]]>).flatMap(([relation, words]) =>
    words.map((word) => [headerKey(word), relation] as [string, ResidentRelation]),
  ),
);

export function relationOf(value: string): ResidentRelation | null {
  return RELATION_OF_WORD.get(headerKey(value)) ?? null;
}

/** How the export writes a relation: the enum for English headers, its Chinese name for Chinese ones. */
export const RELATION_LABELS: Record<'ZH' | 'EN', Record<ResidentRelation, string>> = {
  ZH: { OWNER: '业主', TENANT: '租户', FAMILY: '家属' },
  EN: { OWNER: 'OWNER', TENANT: 'TENANT', FAMILY: 'FAMILY' },
};
