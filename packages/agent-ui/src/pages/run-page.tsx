import { useEffect } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import { ErrorBox, Loading } from '../components/states.js';
import { useLiveRun } from '../hooks/use-live-run.js';
import { useLoad } from '../hooks/use-load.js';
import { routeHash } from '../lib/hash-route.js';
import { publishLiveRun } from '../lib/live-run-status.js';
import { LiveView } from './live-view.js';
import { RunDetail } from './run-detail.js';

/**
 * One run, live or finished: both follow the live stream (a finished run's is replayed), and when the
 * stream ends the live view turns into the run's detail in place.
 */
export function RunPage({ id }: { readonly id: string }) {
  const row = useLoad(() => agentApi.run(id), id);
  const live = useLiveRun(id);
  const run = live.run ?? (row.state === 'ok' ? row.data : undefined);
  const isLive = run?.status === 'running' && live.connection !== 'ended';

  // The status bar follows this stream rather than wait for its poll: each point says the run is going,
  // the end says it is over.
  useEffect(() => {
    if (run) publishLiveRun(run);
  }, [run, live.points.length]);

  useEffect(() => {
    // A reload after the end should open the detail, not a live view of a finished run.
    if (run && !isLive && location.hash.startsWith('#/live/'))
      history.replaceState(null, '', routeHash({ page: 'run', id }));
  }, [run, isLive, id]);

  if (!run) {
    if (row.state === 'error')
      return (
        <main class="page">
          <ErrorBox error={row.error} retry={row.retry} />
        </main>
      );
    return (
      <main class="page">
        <Loading what={`run ${id}`} />
      </main>
    );
  }
  return isLive ? (
    <LiveView run={run} points={live.points} connection={live.connection} />
  ) : (
    <RunDetail run={run} livePoints={live.points} />
  );
}
