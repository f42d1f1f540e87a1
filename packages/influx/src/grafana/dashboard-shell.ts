import type { Dashboard, Panel, QueryVariable } from './grafana-types.js';

/**
 * Grafana 10.4 writes schemaVersion 39, and later versions migrate it on load; an older number keeps the
 * files loadable on the Grafana releases teams still run.
 */
export const DASHBOARD_SCHEMA_VERSION = 39;

export function dashboardShell(options: {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly variables: readonly QueryVariable[];
  readonly panels: readonly Panel[];
}): Dashboard {
  return {
    uid: options.uid,
    title: options.title,
    description: options.description,
    tags: options.tags,
    timezone: 'browser',
    // Provisioned from the repository, which is the source of truth; edits in the UI would be lost.
    editable: false,
    // Shared crosshair: regions line up when hovering one panel.
    graphTooltip: 1,
    schemaVersion: DASHBOARD_SCHEMA_VERSION,
    version: 1,
    refresh: '10s',
    time: { from: 'now-1h', to: 'now' },
    timepicker: {},
    fiscalYearStartMonth: 0,
    liveNow: false,
    links: [],
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
      ],
    },
    templating: { list: options.variables },
    panels: options.panels,
  };
}
