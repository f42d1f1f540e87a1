/**
 * How long a run gets to stop after SIGINT before its process is killed (its summary is then missing).
 * Long enough for a run to finish its iterations in flight, write its summary, report and metrics export.
 */
export const runStopGraceMs = 30_000;

/**
 * The longest an agent may take from SIGTERM to its exit: its run's stop grace, then the run's row, the
 * index and the server closing (well under a second), with the rest as margin for a loaded host. A
 * container's stop timeout (Kamal's `stop_timeout` in config/deploy.yml) must be at least this long, or a
 * redeploy kills the agent (exit 137) before the run it is stopping has written its evidence;
 * tools/test/deploy checks it against this constant.
 */
export const agentStopBudgetMs = runStopGraceMs + 10_000;
