// Real: the committed schema (schema/schema.graphql), every operation file the desk and the
// contracts use, graphql-js's parser and validator, graphql-armor's rules and our cost and
// repeated-fields rules (gateway/graphql/limits.ts, operation-cost.ts). Faked: nothing; no I/O
// beyond reading those files.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  Kind,
  buildSchema,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import { LIMITS, limitRules } from '../../gateway/graphql/limits';
import { COSTS, costError, operationCost } from '../../gateway/graphql/operation-cost';

const ROOT = path.resolve(__dirname, '../..');
const schema = buildSchema(readFileSync(path.join(ROOT, 'schema/schema.graphql'), 'utf8'));
const graphqlFiles = (dir: string) =>
  readdirSync(path.join(ROOT, dir))
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => path.join(dir, file));
const OPERATION_FILES = [
  ...graphqlFiles('dashboards/desk/operations'),
  ...graphqlFiles('test/operations'),
  'test/contract-operations.graphql',
  'test/contract-core.graphql',
  'test/contract-service-desk.graphql',
  'test/contract-incidents.graphql',
];

const operationsOf = (document: DocumentNode) =>
  document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
const errorsOf = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query, { maxTokens: LIMITS.maxTokens });
  const errors = validate(schema, document, [...specifiedRules, ...limitRules()]);
  const [operation] = operationsOf(document);
  const tooCostly = costError(schema, document, operation, variables, LIMITS.maxCost);
  return [...errors, ...(tooCostly ? [tooCostly] : [])].map((e) => e.message);
};

describe('GraphQL limits', () => {
  it('every operation of the desk and the contracts passes with room: half the tokens, a third of the cost, two levels, a third of the aliases', () => {
    // the files exist and hold operations (the loop below is not empty)
    expect(OPERATION_FILES.length).toBeGreaterThan(10);
    let checked = 0;
    for (const file of OPERATION_FILES) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      const document = parse(text, { maxTokens: Math.floor(LIMITS.maxTokens / 2) });
      const tighter = {
        maxDepth: LIMITS.maxDepth - 2,
        maxAliases: Math.floor(LIMITS.maxAliases / 3),
        maxDirectives: Math.floor(LIMITS.maxDirectives / 3),
        maxRepeatedFields: LIMITS.maxRepeatedFields - 2,
      };
      expect({ file, errors: validate(schema, document, [...specifiedRules, ...limitRules(tighter)]) }).toEqual({
        file,
        errors: [],
      });
      for (const operation of operationsOf(document)) {
        const cost = operationCost(schema, document, operation, {});
        expect({ file, operation: operation.name?.value, cost: cost * 3 <= LIMITS.maxCost }).toEqual({
          file,
          operation: operation.name?.value,
          cost: true,
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('the service-desk contract`s lists run at their largest page (first: 500) within the cost limit', () => {
    const document = parse(readFileSync(path.join(ROOT, 'test/contract-service-desk.graphql'), 'utf8'));
    const paged = operationsOf(document).filter((op) =>
      op.variableDefinitions?.some((v) => v.variable.name.value === 'first'),
    );
    expect(paged.map((op) => op.name?.value).sort()).toEqual(['Residents', 'Units']);
    for (const operation of paged) {
      const cost = operationCost(schema, document, operation, { first: 500, buildingId: 'b' });
      expect({ operation: operation.name?.value, cost, within: cost <= LIMITS.maxCost }).toEqual({
        operation: operation.name?.value,
        cost: expect.any(Number),
        within: true,
      });
      // at the default page the same operation costs a tenth of it: `first` is what is priced
      expect(operationCost(schema, document, operation, {})).toBeLessThan(cost / 5);
    }
  });

  it('refuses the issue`s alias bomb, and 16 aliases, but lets 15 through', () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    expect(errorsOf(aliases(15))).toEqual([]);
    expect(errorsOf(aliases(16))).toContain('Aliases limit of 15 exceeded, found 16.');
    // 25,000 aliases (the 439 KB query) stop in the parser, at the token limit
    expect(() => parse(aliases(25_000), { maxTokens: LIMITS.maxTokens })).toThrow(/more that 1000 tokens/);
  });

  it('refuses depth past 10 levels, and 2,000 levels at the parser without deep recursion', () => {
    const nested = (levels: number) =>
      `{ workOrder(id: "x") { ${'alert { workOrder { '.repeat(levels)}id${' } }'.repeat(levels)} } }`;
    expect(errorsOf(nested(4))).toEqual([]); // depth 10
    expect(errorsOf(nested(5))).toContain('Query depth limit of 10 exceeded, found 12.');
    expect(() => parse(`{ ${'me { '.repeat(2_000)}id${' }'.repeat(2_000)} }`, { maxTokens: LIMITS.maxTokens })).toThrow(
      /tokens/,
    );
  });

  it('refuses one field asked for again and again, plainly or through inline fragments', () => {
    expect(errorsOf(`{ me { ${'id '.repeat(5)} } }`)).toEqual([]);
    expect(errorsOf(`{ me { ${'id '.repeat(6)} } }`)).toContain('"id" is asked for more than 5 times in one selection');
    expect(errorsOf(`{ ${'... on Query { me { id } } '.repeat(6)} }`)).toContain(
      '"me" is asked for more than 5 times in one selection',
    );
  });

  it('refuses more than 10 directives', () => {
    // each field may carry @include and @skip once: five fields of Staff carry ten
    const ten = ['id', 'name', 'role', 'username', 'version']
      .map((f) => `${f} @include(if: true) @skip(if: false)`)
      .join(' ');
    expect(errorsOf(`{ me { ${ten} } }`)).toEqual([]);
    expect(errorsOf(`{ me @include(if: true) { ${ten} } }`)).toContain('Directives limit of 10 exceeded, found 11.');
  });

  it('prices lists by `first` (literal, variable or default) and telemetry by its own price', () => {
    const page = (first: string) => `query($n: Int!) { alerts(first: ${first}) { nodes { id equipment { id } } } }`;
    const cost = (query: string, variables: Record<string, unknown> = {}) => {
      const document = parse(query);
      return operationCost(schema, document, operationsOf(document)[0], variables);
    };
    // root 10, the connection, then per node: the alert and its equipment
    expect(cost(page('100'))).toBe(COSTS.rootField + COSTS.object + 100 * 2 * COSTS.object);
    expect(cost(page('$n'), { n: 400 })).toBe(COSTS.rootField + 1 + 400 * 2);
    expect(cost('{ alerts { nodes { id } } }')).toBe(COSTS.rootField + 1 + 50); // first defaults to 50
    expect(cost('{ buildings { id } }')).toBe(COSTS.rootField + COSTS.listSize);
    const telemetry = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `t${i}: telemetry(equipmentId: "e", metric: "m", from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z") { ts value }`).join(' ')} }`;
    expect(cost(telemetry(1))).toBe(COSTS.rootField + COSTS.fields['Query.telemetry'] + COSTS.listSize);
    expect(errorsOf(telemetry(4))).toEqual([]);
    expect(errorsOf(telemetry(5))).toEqual(['Query cost limit of 5000 exceeded, found 5150']);
    // two full pages of 500 alerts are over; one is not
    const full = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `p${i}: alerts(first: 500) { nodes { id equipment { id building { id } } workOrder { id emergencyPlan { faultCode } } } }`).join(' ')} }`;
    expect(errorsOf(full(1))).toEqual([]);
    expect(errorsOf(full(2))[0]).toMatch(/^Query cost limit of 5000 exceeded/);
  });

  it('prices a fragment spread many times once per use, without walking it again (no exponential blow-up)', () => {
    // F9 spreads F8 twice, … F0: 2^10 uses of `me`; priced linearly, refused for its cost
    const fragments = Array.from({ length: 10 }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`).join(
      '\n',
    );
    const query = `{ ...F10 }\nfragment F0 on Query { me { id } }\n${fragments}`;
    const document = parse(query);
    expect(operationCost(schema, document, operationsOf(document)[0], {})).toBe(
      1024 * (COSTS.rootField + COSTS.object),
    );
    expect(errorsOf(query).some((m) => m.startsWith('Query cost limit'))).toBe(true);
  });
});
