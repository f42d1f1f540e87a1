import * as z from 'zod';
import { duration, identifier, positiveInt, tagMap } from './common.js';
import { requestSchema } from './request.js';
import { scenarioSchema } from './scenario.js';
import { targetSchema } from './target.js';

export const customMetricTypes = ['trend', 'counter', 'rate', 'gauge'] as const;

const customMetricSchema = z
  .strictObject({
    type: z.enum(customMetricTypes).describe('k6 metric type: trend, counter, rate or gauge.'),
    isTime: z
      .boolean()
      .default(false)
      .describe('A trend of times in milliseconds (k6: new Trend(name, true)).'),
    description: z.string().optional().describe('What it measures, for the summary and dashboards.'),
  })
  .describe('A custom metric, as k6/metrics declares one.');

export type CustomMetricSpec = z.infer<typeof customMetricSchema>;

export const dataAssignments = ['per-vu', 'per-iteration', 'random'] as const;

const dataFileSchema = z
  .strictObject({
    name: identifier('Name the rows are read by: {{name.column}}.'),
    file: z
      .string()
      .min(1)
      .describe('CSV (with a header row) or JSON (an array of objects), relative to the preset.'),
    assign: z
      .enum(dataAssignments)
      .default('per-iteration')
      .describe(
        'per-vu: each VU keeps one row; per-iteration: rows in turn, one per iteration; random: any row.',
      ),
  })
  .describe('A data file that feeds values to requests.');

const thresholdLongForm = z
  .strictObject({
    threshold: z.string().min(1).describe('The expression, for example p(95)<500.'),
    abortOnFail: z.boolean().default(false).describe('Stop the run as soon as this threshold fails.'),
    delayAbortEval: duration('Do not abort before this much of the test has passed').optional(),
    allowNoData: z
      .boolean()
      .default(false)
      .describe(
        'Pass when the metric got no samples (FPT fails such thresholds by default; k6 passes them).',
      ),
  })
  .describe('Long form of a threshold.');

const thresholdsSchema = z
  .record(
    z.string().min(1),
    z
      .array(z.union([z.string().min(1), thresholdLongForm]))
      .describe('Expressions for this metric: "p(95)<500", "rate<0.01", "count>10", "avg<=200", "value<5".'),
  )
  .describe(
    'k6 thresholds: metric name (optionally with tag filters, http_req_duration{name:login}) → list of expressions.',
  );

const safetySchema = z
  .strictObject({
    maxVUs: positiveInt(
      'Refuse a profile whose VUs (or arrival-rate maxVUs) can exceed this at any moment.',
    ).default(100),
    maxDuration: duration('Refuse a profile longer than this, graceful stops included').default('15m'),
    maxArrivalRate: z
      .number()
      .positive()
      .default(10_000)
      .describe(
        'Refuse open-model scenarios that would start more iterations per second than this, together at their peak (a typo of a few zeros in rate must not melt the machine).',
      ),
    maxRequestRate: z
      .number()
      .positive()
      .optional()
      .describe(
        'Refuse an open-model profile that would start more requests per second than this; closed-model runs are throttled to it.',
      ),
    browser: z
      .strictObject({
        maxVUs: positiveInt('Most browser VUs at once.').default(5),
        maxDuration: duration('Longest browser scenario, graceful stop included').default('15m'),
      })
      .prefault({})
      .describe('Caps for browser scenarios, which cost far more than protocol VUs.'),
  })
  .describe('Safety limits: a profile that breaks one is refused before anything starts.');

const baselineSchema = z
  .strictObject({
    p95IncreasePct: z
      .number()
      .min(0)
      .default(10)
      .describe('A regression when p95 grows by more than this percentage over the baseline.'),
    errorRateIncreasePts: z
      .number()
      .min(0)
      .default(1)
      .describe('A regression when the error rate grows by more than this many percentage points.'),
    minAbsoluteMs: z
      .number()
      .min(0)
      .default(5)
      .describe(
        'Ignore p95 changes smaller than this many milliseconds, so a tiny baseline does not turn noise into a regression.',
      ),
    webVitalIncreasePct: z
      .number()
      .min(0)
      .optional()
      .describe(
        "A regression when a page's Web Vitals p75 (LCP, FCP, TTFB, INP, CLS) worsens by more than this percentage (default: p95IncreasePct). The floor is minAbsoluteMs for the timed vitals and 0.01 for CLS.",
      ),
  })
  .describe('Tolerances for the verdict against a stored baseline.');

export const presetSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
    name: identifier('Preset name, shown in reports and used by `extends`.'),
    description: z.string().optional().describe('What this check is for and when to run it.'),
    extends: z
      .string()
      .min(1)
      .optional()
      .describe('Another preset this one builds on: a preset name in the same folder or a relative path.'),
    tags: tagMap.optional(),
    target: targetSchema.prefault({}),
    variables: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .describe('Constant variables readable as {{name}} in requests.'),
    data: z.array(dataFileSchema).optional().describe('Data files that feed values per VU or per iteration.'),
    setup: z
      .array(requestSchema)
      .optional()
      .describe(
        'Requests run once before the load (log in, create a fixture); their captures are readable by every VU.',
      ),
    script: z
      .string()
      .min(1)
      .optional()
      .describe(
        'A k6-style script (docs/scripts.md), relative to the preset: scenarios name its functions in exec, and its setup() and teardown() run before and after the load.',
      ),
    teardown: z
      .array(requestSchema)
      .optional()
      .describe(
        "Requests run once after every scenario ended (k6 teardown): they see setup's captures; clean up what setup made.",
      ),
    metrics: z
      .record(z.string(), customMetricSchema)
      .optional()
      .describe(
        'Custom metrics (k6/metrics): name → { type, isTime }; requests record into them (record:), thresholds, summaries and outputs treat them like built-ins.',
      ),
    scenarios: z
      .record(
        z
          .string()
          .regex(/^[0-9A-Za-z_-]+$/, { error: 'scenario names use letters, digits, "_" and "-" (k6 rule)' }),
        scenarioSchema,
      )
      .describe(
        'Named scenarios run side by side (an API and a browser scenario together make a hybrid preset).',
      ),
    thresholds: thresholdsSchema.optional(),
    safety: safetySchema.prefault({}),
    baseline: baselineSchema.prefault({}),
    regions: z
      .array(identifier('A region name.'))
      .optional()
      .describe('Regions this preset is meant to run from.'),
  })
  .describe('An FPT preset: one performance check, written once and run from the CLI, CI or an agent.');

export type Preset = z.infer<typeof presetSchema>;
export type TargetSpec = Preset['target'];
export type PresetInput = z.input<typeof presetSchema>;
export type ThresholdSpec = string | z.infer<typeof thresholdLongForm>;
export type SafetySpec = z.infer<typeof safetySchema>;
export type BaselineSpec = z.infer<typeof baselineSchema>;
/** The tolerances a preset without a `baseline` section gets; the gate uses them for summaries that lack them. */
export const baselineDefaults: BaselineSpec = baselineSchema.parse({});
