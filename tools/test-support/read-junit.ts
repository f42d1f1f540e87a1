import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse, type TestSuites } from 'junit2json';

/**
 * What a JUnit file must have for CI servers to read it (the common Jenkins/Surefire schema, as
 * junit2json returns it): a <testsuites> root of named suites with numeric counts, and test cases with
 * a name and classname whose failures and skips carry a message.
 */
const junitSchema = {
  type: 'object',
  required: ['testsuite', 'name', 'tests', 'failures', 'errors', 'time'],
  properties: {
    name: { type: 'string', minLength: 1 },
    tests: { type: 'integer', minimum: 0 },
    failures: { type: 'integer', minimum: 0 },
    errors: { type: 'integer', minimum: 0 },
    time: { type: 'number', minimum: 0 },
    testsuite: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'tests', 'failures', 'errors', 'skipped', 'time', 'id'],
        properties: {
          name: { type: 'string', minLength: 1 },
          tests: { type: 'integer', minimum: 0 },
          failures: { type: 'integer', minimum: 0 },
          errors: { type: 'integer', minimum: 0 },
          skipped: { type: 'integer', minimum: 0 },
          time: { type: 'number', minimum: 0 },
          timestamp: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$' },
          properties: {
            type: 'array',
            items: { type: 'object', required: ['name', 'value'] },
          },
          testcase: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'classname', 'time'],
              properties: {
                name: { type: 'string', minLength: 1 },
                classname: { type: 'string', minLength: 1 },
                time: { type: 'number', minimum: 0 },
                failure: {
                  type: 'array',
                  items: { type: 'object', required: ['message', 'type'] },
                },
                skipped: { type: 'array', items: { type: 'object', required: ['message'] } },
              },
            },
          },
        },
      },
    },
  },
} as const;

const validate = new Ajv2020({ allErrors: true }).compile(junitSchema);

/**
 * Parses JUnit XML with junit2json (xml2js underneath, as CI tooling uses), checks it against the schema
 * above, and checks that every suite's counts and the root's add up to their test cases. Throws with
 * every problem; returns the parsed document.
 */
export async function readJUnit(xml: string): Promise<Required<Pick<TestSuites, 'testsuite'>> & TestSuites> {
  const parsed = await parse(xml);
  if (!parsed || !('testsuite' in parsed) || !Array.isArray(parsed.testsuite))
    throw new Error('JUnit XML without a <testsuites> root of <testsuite> elements');
  // A copy, so the schema's type guard does not narrow `parsed` away from junit2json's types.
  if (!validate({ ...parsed }))
    throw new Error(`JUnit XML breaks the schema: ${JSON.stringify(validate.errors)}`);
  const problems: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const suite of parsed.testsuite) {
    const cases = suite.testcase ?? [];
    const actual = {
      tests: cases.length,
      failures: cases.filter((c) => c.failure).length,
      errors: cases.filter((c) => c.error).length,
      skipped: cases.filter((c) => c.skipped).length,
    };
    for (const [key, value] of Object.entries(actual)) {
      if (suite[key as keyof typeof actual] !== value)
        problems.push(`suite ${suite.name}: ${key}=${suite[key as keyof typeof actual]} but ${value} cases`);
    }
    tests += actual.tests;
    failures += actual.failures;
  }
  if (parsed.tests !== tests) problems.push(`root: tests=${parsed.tests} but ${tests} cases`);
  if (parsed.failures !== failures)
    problems.push(`root: failures=${parsed.failures} but ${failures} failing cases`);
  if (problems.length > 0) throw new Error(`JUnit counts do not add up: ${problems.join('; ')}`);
  return parsed as Required<Pick<TestSuites, 'testsuite'>> & TestSuites;
}
