import * as z from 'zod';
import { browserSchema } from './browser.js';
import { duration, nonNegativeInt, pause, positiveInt, tagMap } from './common.js';
import { requestSchema } from './request.js';

export const executorNames = [
  'constant-vus',
  'ramping-vus',
  'constant-arrival-rate',
  'ramping-arrival-rate',
  'per-vu-iterations',
  'shared-iterations',
] as const;
export type ExecutorName = (typeof executorNames)[number];

export const selectionModes = ['weighted', 'round-robin', 'sequence'] as const;

const thinkTimeSchema = pause(
  'Fixed pause after each iteration',
  'A pause drawn uniformly between min and max after each iteration.',
).describe('Think time between iterations: a duration or {min, max}.');

const execSchema = z
  .union([
    z.string().min(1).describe("A function the preset's script exports (k6's exec)."),
    z
      .strictObject({
        module: z.string().min(1).describe('The script file, relative to the preset (./flows/checkout.js).'),
        function: z
          .string()
          .min(1)
          .default('default')
          .describe('The function it exports; default: its default export.'),
      })
      .describe('A function of a k6-style script file.'),
  ])
  .describe(
    "Each iteration calls this k6-style script function (docs/scripts.md): a name the preset's `script` exports, or { module, function }. Makes this a script scenario.",
  );

/** Fields every executor shares: what the scenario runs and the k6 timing options. */
const scenarioCommon = {
  startTime: duration('Offset from the start of the test (k6 startTime)').default('0s'),
  gracefulStop: duration('How long in-flight iterations get when the scenario ends').default('30s'),
  tags: tagMap.optional(),
  env: z
    .record(z.string(), z.string())
    .optional()
    .describe('Variables for this scenario, readable as {{name}}.'),
  requests: z.array(requestSchema).min(1).optional().describe('API requests: makes this an API scenario.'),
  selection: z
    .enum(selectionModes)
    .default('weighted')
    .describe(
      'How an iteration picks requests: weighted (one request drawn by weight), round-robin (one request, in turn), sequence (all requests in order, as a flow).',
    ),
  thinkTime: thinkTimeSchema.optional(),
  browser: browserSchema.optional(),
  exec: execSchema.optional(),
};

const stageSchema = z.strictObject({
  duration: duration('Length of this stage'),
  target: nonNegativeInt('Value reached at the end of the stage (VUs, or iterations per timeUnit)'),
});

const stages = (what: string) =>
  z.array(stageSchema).min(1).describe(`Stages: ${what} ramps linearly to each target over its duration.`);

const preAllocatedVUs = nonNegativeInt('VUs initialised before the scenario starts.');
const maxVUs = positiveInt('Most VUs the scenario may grow to (default: preAllocatedVUs).').optional();
const timeUnit = duration('The period that rate counts iterations per').default('1s');
const maxStartDelay = duration(
  'FPT: how long an iteration that finds every VU busy may wait for one before it is dropped; it then starts late and its lateness is added to http_req_duration_corrected. 0s drops at once, as k6 does',
).default('0s');

export const constantVusSchema = z
  .strictObject({
    executor: z.literal('constant-vus').describe('The k6 executor: how load is generated over time.'),
    vus: positiveInt('Number of VUs running iterations in a loop.').default(1),
    duration: duration('How long the scenario runs'),
    ...scenarioCommon,
  })
  .describe('A fixed number of VUs loop over iterations for a duration (closed model).');

export const rampingVusSchema = z
  .strictObject({
    executor: z.literal('ramping-vus').describe('The k6 executor: how load is generated over time.'),
    startVUs: nonNegativeInt('VUs at the start.').default(1),
    stages: stages('the VU count'),
    gracefulRampDown: duration('Time a VU being removed gets to finish its iteration').default('30s'),
    ...scenarioCommon,
  })
  .describe('The VU count follows stages (closed model).');

export const constantArrivalRateSchema = z
  .strictObject({
    executor: z
      .literal('constant-arrival-rate')
      .describe('The k6 executor: how load is generated over time.'),
    rate: positiveInt('Iterations started per timeUnit.'),
    timeUnit,
    duration: duration('How long the scenario runs'),
    preAllocatedVUs,
    maxVUs,
    maxStartDelay,
    ...scenarioCommon,
  })
  .describe('Iterations start at a fixed rate whatever the response times (open model).');

export const rampingArrivalRateSchema = z
  .strictObject({
    executor: z.literal('ramping-arrival-rate').describe('The k6 executor: how load is generated over time.'),
    startRate: nonNegativeInt('Iterations per timeUnit at the start.').default(0),
    timeUnit,
    stages: stages('the iteration rate'),
    preAllocatedVUs,
    maxVUs,
    maxStartDelay,
    ...scenarioCommon,
  })
  .describe('The iteration start rate follows stages (open model).');

export const perVuIterationsSchema = z
  .strictObject({
    executor: z.literal('per-vu-iterations').describe('The k6 executor: how load is generated over time.'),
    vus: positiveInt('Number of VUs.').default(1),
    iterations: positiveInt('Iterations each VU runs.').default(1),
    maxDuration: duration('Longest the scenario may run before it is stopped').default('10m'),
    ...scenarioCommon,
  })
  .describe('Each VU runs a fixed number of iterations.');

export const sharedIterationsSchema = z
  .strictObject({
    executor: z.literal('shared-iterations').describe('The k6 executor: how load is generated over time.'),
    vus: positiveInt('Number of VUs.').default(1),
    iterations: positiveInt('Total iterations shared by all VUs.').default(1),
    maxDuration: duration('Longest the scenario may run before it is stopped').default('10m'),
    ...scenarioCommon,
  })
  .describe('VUs share a fixed total of iterations; faster VUs run more of them.');

export const scenarioSchema = z
  .discriminatedUnion('executor', [
    constantVusSchema,
    rampingVusSchema,
    constantArrivalRateSchema,
    rampingArrivalRateSchema,
    perVuIterationsSchema,
    sharedIterationsSchema,
  ])
  .describe(
    'One scenario: a k6 executor with its options, and what each iteration runs (requests, a browser journey, or both).',
  );

export type ScenarioSpec = z.infer<typeof scenarioSchema>;
export type ConstantVusSpec = z.infer<typeof constantVusSchema>;
export type RampingVusSpec = z.infer<typeof rampingVusSchema>;
export type ConstantArrivalRateSpec = z.infer<typeof constantArrivalRateSchema>;
export type RampingArrivalRateSpec = z.infer<typeof rampingArrivalRateSchema>;
export type PerVuIterationsSpec = z.infer<typeof perVuIterationsSchema>;
export type SharedIterationsSpec = z.infer<typeof sharedIterationsSchema>;
