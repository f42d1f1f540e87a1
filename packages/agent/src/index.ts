export { AgentBackupError } from './backup/agent-backup-error.js';
export type { BackupResult } from './backup/backup-agent-data.js';
export type { BackupManifest } from './backup/backup-manifest.js';
export type { RestoreResult } from './backup/restore-agent-data.js';
export {
  type AgentCaps,
  type AgentConfig,
  type AgentFlags,
  defaultAgentPort,
  type RetentionPolicy,
  readAgentConfig,
} from './config/agent-config.js';
export { AgentConfigError } from './config/agent-config-error.js';
export { agentDataDir } from './config/agent-data-dir.js';
export type { FleetRunRow } from './fleet/fleet-manager.js';
export { backupAgentData, restoreAgentData } from './load-agent-backup.js';
export { openRunIndex, startAgent } from './load-agent-server.js';
export { seedPresets } from './presets/seed-presets.js';
export type { RunChildMessage } from './run-process/run-child-message.js';
export { buildLivePoint, type LivePoint, type LiveRequestFigures } from './runs/live-point.js';
export type { RunIndex } from './runs/run-index.js';
export type { RunCommand } from './runs/run-manager.js';
export { type KeyFigures, noFigures, type RunRecord, type RunRow, RunStatus } from './runs/run-row.js';
export { agentStopBudgetMs, runStopGraceMs } from './runs/run-stop-grace.js';
export type { ReadinessCheck } from './server/readiness.js';
export type { AgentOptions, RunningAgent } from './start-agent.js';
