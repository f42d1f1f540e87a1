/**
 * Runs a preset on regional agents through their API, for CI (.github/workflows/perf-gate.yml, manual
 * dispatch): `npx tsx tools/run-on-agent.ts --preset standard --regions eu-near,us-east --out out/agent`.
 * `--help` lists the options; the pieces live in tools/agent-run/.
 */
import { combinedExitCode } from './agent-run/agent-run-outcome.js';
import { AGENT_RUN_USAGE, AgentRunArgsError, parseAgentRunArgs } from './agent-run/parse-agent-run-args.js';
import { runOnAgents } from './agent-run/run-on-agents.js';

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(AGENT_RUN_USAGE);
  process.exit(0);
}
let config: ReturnType<typeof parseAgentRunArgs>;
try {
  config = parseAgentRunArgs(argv, process.env);
} catch (error) {
  if (!(error instanceof AgentRunArgsError)) throw error;
  console.error(`run-on-agent: ${error.message.replaceAll('\n', '\nrun-on-agent: ')}\n\n${AGENT_RUN_USAGE}`);
  process.exit(104);
}
const outcomes = await runOnAgents(config, (line) => console.error(line));
for (const outcome of outcomes) {
  if (outcome.kind !== 'finished') console.error(`[${outcome.region}] ${outcome.kind}: ${outcome.message}`);
}
process.exitCode = combinedExitCode(outcomes);
