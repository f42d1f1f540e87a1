import type { MetricStore, TrendSink } from '@fpt/metrics';

export interface WebVitalsP75 {
  readonly lcpP75Ms?: number;
  readonly inpP75Ms?: number;
  readonly clsP75?: number;
}

/**
 * The p75 of LCP, INP and CLS over every page in `store` (p75 is how Web Vitals are assessed): of one
 * interval for a timeline point, of the run so far for the live line. A vital no page reported is left
 * out, so a run without browser steps gets no such fields at all.
 */
export function webVitalsP75(store: MetricStore): WebVitalsP75 {
  const lcp = vitalP75(store, 'lcp');
  const inp = vitalP75(store, 'inp');
  const cls = vitalP75(store, 'cls');
  return {
    ...(lcp === undefined ? {} : { lcpP75Ms: lcp }),
    ...(inp === undefined ? {} : { inpP75Ms: inp }),
    ...(cls === undefined ? {} : { clsP75: cls }),
  };
}

/** One vital's p75 over every page in `store`; undefined when no page reported it. */
export function vitalP75(store: MetricStore, vital: 'lcp' | 'inp' | 'cls'): number | undefined {
  const sink = store.aggregate(`browser_web_vital_${vital}`) as TrendSink | undefined;
  return sink && !sink.empty ? sink.percentile(75) : undefined;
}
