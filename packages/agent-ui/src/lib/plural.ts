/** "1 VU", "2 VUs", "1 threshold", "3 thresholds": English plural rules for the UI's counts. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}
