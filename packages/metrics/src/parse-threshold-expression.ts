import { parsePlainNumber, thresholdOperators } from '@fpt/readable';
import { parseAggregation } from './parse-aggregation.js';
import type { ThresholdExpression, ThresholdOperator } from './threshold-expression.js';
import { ThresholdSyntaxError } from './threshold-syntax-error.js';

const OPERATOR_CHARS = /[<>=!]/;
const SHAPE_HINT = 'write it as <aggregation><operator><number>, for example p(95)<500, rate<0.01 or count>0';

const UNIT_TO_MS: Readonly<Record<string, number>> = {
  us: 0.001,
  µs: 0.001,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Parses one k6 threshold expression such as `p(95)<500`; throws ThresholdSyntaxError. */
export function parseThresholdExpression(expression: string): ThresholdExpression {
  if (typeof expression !== 'string') {
    throw new ThresholdSyntaxError(String(expression), 'a threshold must be a string', SHAPE_HINT);
  }
  const text = expression.trim();
  if (text === '') throw new ThresholdSyntaxError(expression, 'the expression is empty', SHAPE_HINT);

  // k6 splits on the first operator of its list that is present, not the leftmost: `<=` before `<`.
  let operator: (typeof thresholdOperators)[number] | undefined;
  let at = -1;
  for (const candidate of thresholdOperators) {
    at = text.indexOf(candidate);
    if (at !== -1) {
      operator = candidate;
      break;
    }
  }
  if (operator === undefined) {
    const hint = text.includes('=')
      ? 'compare for equality with ==, for example value==1; ' + SHAPE_HINT
      : `use one of <, <=, >, >=, ==, !=; ${SHAPE_HINT}`;
    throw new ThresholdSyntaxError(expression, 'there is no comparison operator', hint);
  }

  const left = text.slice(0, at).trim();
  const right = text.slice(at + operator.length).trim();
  if (left === '') {
    throw new ThresholdSyntaxError(expression, `nothing before ${operator}`, SHAPE_HINT);
  }
  if (right === '') {
    throw new ThresholdSyntaxError(expression, `no number after ${operator}`, SHAPE_HINT);
  }
  if (OPERATOR_CHARS.test(left) || OPERATOR_CHARS.test(right)) {
    throw new ThresholdSyntaxError(
      expression,
      'there is more than one comparison operator',
      'an expression makes one comparison; list several expressions instead, for example ["p(95)<500", "p(95)>10"]',
    );
  }

  const value = parsePlainNumber(right);
  if (value === undefined) throw notANumber(expression, left, operator, right);

  const parsed = parseAggregation(left);
  if (!parsed.ok) throw new ThresholdSyntaxError(expression, parsed.problem, parsed.hint);

  return {
    source: expression,
    aggregation: parsed.aggregation,
    aggregationKey: parsed.key,
    operator: operator === '===' ? '==' : (operator as ThresholdOperator),
    value,
  };
}

function notANumber(expression: string, left: string, operator: string, right: string): ThresholdSyntaxError {
  const withUnit = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(us|µs|ms|s|m|h|%)$/.exec(right);
  if (withUnit !== null) {
    const amount = Number(withUnit[1]);
    const unit = withUnit[2]!;
    if (unit === '%') {
      return new ThresholdSyntaxError(
        expression,
        `the number ${JSON.stringify(right)} has a unit`,
        `rates are fractions from 0 to 1 without %: write ${left}${operator}${round(amount / 100)}`,
      );
    }
    const ms = round(amount * UNIT_TO_MS[unit]!);
    return new ThresholdSyntaxError(
      expression,
      `the number ${JSON.stringify(right)} has a unit`,
      `thresholds compare plain numbers and times are in milliseconds: write ${left}${operator}${ms}`,
    );
  }
  return new ThresholdSyntaxError(
    expression,
    `${JSON.stringify(right)} is not a number`,
    `the right side must be a plain number (times in milliseconds, rates as 0..1); ${SHAPE_HINT}`,
  );
}

// Unit conversion should print 0.01 rather than 0.010000000000000002.
function round(value: number): number {
  return Number(value.toPrecision(12));
}

/** An expression written back in the canonical form k6 accepts, such as `p(99.9)<1500`. */
export function formatThresholdExpression(expression: ThresholdExpression): string {
  return `${expression.aggregationKey}${expression.operator}${expression.value}`;
}
