/** One <testcase>: passed, failed (an assertion about the system under test), errored or skipped. */
export interface JUnitTestCase {
  readonly classname: string;
  readonly name: string;
  readonly failure?: { readonly type: string; readonly message: string; readonly details: string };
  readonly error?: { readonly type: string; readonly message: string; readonly details: string };
  readonly skipped?: string;
  /** Shown by most CI servers next to the case: what was observed, for passing cases too. */
  readonly systemOut?: string;
}

export interface JUnitSuite {
  readonly name: string;
  readonly cases: readonly JUnitTestCase[];
}
