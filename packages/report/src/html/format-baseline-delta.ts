import { trimNumber } from '@fpt/readable';
import type { BaselineMetricDelta } from '../baseline-comparison.js';

export interface FormattedDelta {
  /** "+18 %", or "+0.4 pp" for shares; "–" when either side is missing. */
  readonly text: string;
  readonly arrow: '▲' | '▼' | '■';
  /** Coloured by meaning (the gate's verdict), not by sign: latency up is bad, throughput up is good. */
  readonly tone: 'good' | 'bad' | 'neutral';
}

export function formatBaselineDelta(delta: BaselineMetricDelta): FormattedDelta {
  const tone = delta.verdict === 'regression' ? 'bad' : delta.verdict === 'improvement' ? 'good' : 'neutral';
  if (delta.baseline === null || delta.current === null) return { text: '–', arrow: '■', tone };
  const diff = delta.current - delta.baseline;
  const arrow = diff > 0 ? '▲' : diff < 0 ? '▼' : '■';
  const sign = diff > 0 ? '+' : diff < 0 ? '-' : '±';
  if (delta.unit === 'share')
    return { text: `${sign}${trimNumber(Math.abs(diff) * 100, 2)} pp`, arrow, tone };
  if (delta.baseline === 0) return { text: diff === 0 ? '±0 %' : 'new', arrow, tone };
  return { text: `${sign}${trimNumber(Math.abs(diff / delta.baseline) * 100, 2)} %`, arrow, tone };
}
