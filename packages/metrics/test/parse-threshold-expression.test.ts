import { describe, expect, it } from 'vitest';
import {
  formatThresholdExpression,
  parseThresholdExpression,
  type ThresholdExpression,
  ThresholdSyntaxError,
} from '../src/index.js';

function syntaxError(expression: string): ThresholdSyntaxError {
  try {
    parseThresholdExpression(expression);
  } catch (error) {
    expect(error).toBeInstanceOf(ThresholdSyntaxError);
    return error as ThresholdSyntaxError;
  }
  throw new Error(`expected ${JSON.stringify(expression)} to be rejected`);
}

describe('parseThresholdExpression: valid expressions', () => {
  const cases: [string, Omit<ThresholdExpression, 'source'>][] = [
    [
      'p(95)<500',
      {
        aggregation: { kind: 'percentile', percentile: 95 },
        aggregationKey: 'p(95)',
        operator: '<',
        value: 500,
      },
    ],
    [
      'p(99.9) < 2000',
      {
        aggregation: { kind: 'percentile', percentile: 99.9 },
        aggregationKey: 'p(99.9)',
        operator: '<',
        value: 2000,
      },
    ],
    [
      'p(99.90)<=1',
      {
        aggregation: { kind: 'percentile', percentile: 99.9 },
        aggregationKey: 'p(99.9)',
        operator: '<=',
        value: 1,
      },
    ],
    [
      'p(0)>=0',
      {
        aggregation: { kind: 'percentile', percentile: 0 },
        aggregationKey: 'p(0)',
        operator: '>=',
        value: 0,
      },
    ],
    [
      'p(100)>0',
      {
        aggregation: { kind: 'percentile', percentile: 100 },
        aggregationKey: 'p(100)',
        operator: '>',
        value: 0,
      },
    ],
    [
      'p( 95 ) < 500',
      {
        aggregation: { kind: 'percentile', percentile: 95 },
        aggregationKey: 'p(95)',
        operator: '<',
        value: 500,
      },
    ],
    [
      'p(0.00001)<5',
      {
        aggregation: { kind: 'percentile', percentile: 0.00001 },
        aggregationKey: 'p(1e-05)',
        operator: '<',
        value: 5,
      },
    ],
    ['rate<0.01', { aggregation: { kind: 'rate' }, aggregationKey: 'rate', operator: '<', value: 0.01 }],
    ['count>0', { aggregation: { kind: 'count' }, aggregationKey: 'count', operator: '>', value: 0 }],
    ['avg < 400', { aggregation: { kind: 'avg' }, aggregationKey: 'avg', operator: '<', value: 400 }],
    ['  min>=1.5  ', { aggregation: { kind: 'min' }, aggregationKey: 'min', operator: '>=', value: 1.5 }],
    ['max<=10', { aggregation: { kind: 'max' }, aggregationKey: 'max', operator: '<=', value: 10 }],
    ['med<3', { aggregation: { kind: 'med' }, aggregationKey: 'med', operator: '<', value: 3 }],
    ['value==1', { aggregation: { kind: 'value' }, aggregationKey: 'value', operator: '==', value: 1 }],
    ['value===1', { aggregation: { kind: 'value' }, aggregationKey: 'value', operator: '==', value: 1 }],
    ['value!=0', { aggregation: { kind: 'value' }, aggregationKey: 'value', operator: '!=', value: 0 }],
    ['value>-2.5', { aggregation: { kind: 'value' }, aggregationKey: 'value', operator: '>', value: -2.5 }],
    ['count<1e3', { aggregation: { kind: 'count' }, aggregationKey: 'count', operator: '<', value: 1000 }],
  ];

  it.each(cases)('%j', (source, expected) => {
    expect(parseThresholdExpression(source)).toEqual({ source, ...expected });
  });

  it('formats back to the canonical k6 form', () => {
    expect(formatThresholdExpression(parseThresholdExpression(' p( 99.90 ) === 1500 '))).toBe(
      'p(99.9)==1500',
    );
  });
});

describe('parseThresholdExpression: invalid expressions', () => {
  const cases: [string, RegExp, RegExp][] = [
    ['', /empty/, /<aggregation><operator><number>/],
    ['   ', /empty/, /p\(95\)<500/],
    ['avg 500', /no comparison operator/, /one of </],
    ['avg=500', /no comparison operator/, /==/],
    ['p(95)<', /no number after </, /p\(95\)<500/],
    ['<500', /nothing before </, /aggregation/],
    ['p95<500', /unknown aggregation "p95"/, /p\(95\)/],
    ['average<500', /unknown aggregation/, /avg/],
    ['AVG<500', /unknown aggregation/, /lower case: write avg/],
    ['p(101)<500', /outside 0\.\.100/, /0 to 100/],
    ['p(-1)<500', /outside 0\.\.100/, /0 to 100/],
    ['p(abc)<500', /percentile "abc" is not a number/, /p\(N\)/],
    ['p(NaN)<500', /not a number/, /p\(N\)/],
    ['p(95<500', /unknown aggregation/, /close the parenthesis/],
    ['p(95)<500ms', /has a unit/, /write p\(95\)<500\b/],
    ['p(95)<2s', /has a unit/, /write p\(95\)<2000/],
    ['avg<1.5m', /has a unit/, /write avg<90000/],
    ['rate<1%', /has a unit/, /write rate<0\.01/],
    ['avg<abc', /"abc" is not a number/, /plain number/],
    ['avg<Infinity', /not a number/, /plain number/],
    ['avg<0x10', /not a number/, /plain number/],
    ['p(95)<500>100', /more than one comparison/, /several expressions/],
    ['avg>=5<3', /more than one comparison/, /several expressions/],
    ['avg<<5', /more than one comparison/, /several expressions/],
    ['avg!==5', /more than one comparison/, /several expressions/],
    ['avg=<5', /more than one comparison/, /several expressions/],
  ];

  it.each(cases)('%j', (expression, problem, hint) => {
    const error = syntaxError(expression);
    expect(error.code).toBe('ERR_THRESHOLD_SYNTAX');
    expect(error.expression).toBe(expression);
    expect(error.message).toMatch(problem);
    expect(error.hint).toMatch(hint);
  });

  it('rejects non-strings', () => {
    expect(syntaxError(42 as unknown as string).message).toMatch(/must be a string/);
  });
});
