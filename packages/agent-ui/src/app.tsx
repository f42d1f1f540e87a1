import { useEffect, useState } from 'preact/hooks';
import { agentApi, onUnauthorized } from './api/agent-api.js';
import { LoginForm } from './components/login-form.js';
import { StatusBar } from './components/status-bar.js';
import { useAgentStatus } from './hooks/use-agent-status.js';
import { useHashRoute } from './hooks/use-hash-route.js';
import { type Route, routeHash } from './lib/hash-route.js';
import { ComparePage } from './pages/compare-page.js';
import { FleetPage } from './pages/fleet-page.js';
import { FleetRunPage } from './pages/fleet-run-page.js';
import { HistoryPage } from './pages/history-page.js';
import { PresetsPage } from './pages/presets-page.js';
import { RunPage } from './pages/run-page.js';

function Page({ route, ownVersion }: { readonly route: Route; readonly ownVersion: string | undefined }) {
  switch (route.page) {
    case 'presets':
      return <PresetsPage />;
    case 'live':
    case 'run':
      return <RunPage id={route.id} />;
    case 'history':
      return <HistoryPage filters={route.filters} before={route.before} />;
    case 'compare':
      return <ComparePage a={route.a} b={route.b} />;
    case 'fleet':
      return <FleetPage ownVersion={ownVersion} />;
    case 'fleet-run':
      return <FleetRunPage id={route.id} />;
    case 'not-found':
      return (
        <main class="page">
          <h1>No such page</h1>
          <p>
            Nothing lives at <code>{route.hash}</code>. Go to <a href="#/presets">Presets</a> or{' '}
            <a href="#/history">History</a>.
          </p>
        </main>
      );
  }
}

const navItems = [
  { label: 'Presets', hash: routeHash({ page: 'presets' }), pages: ['presets'] },
  {
    label: 'History',
    hash: routeHash({ page: 'history', filters: {} }),
    pages: ['history', 'compare', 'run', 'live'],
  },
] as const;

/** Shown only on an agent with peers: the others have no fleet to show. */
const fleetNavItem = {
  label: 'Fleet',
  hash: routeHash({ page: 'fleet' }),
  pages: ['fleet', 'fleet-run'],
} as const;

export function App() {
  const route = useHashRoute();
  const [needsLogin, setNeedsLogin] = useState(false);
  // Bumped after a login, so the page and the status poll load again with the new cookie.
  const [session, setSession] = useState(0);
  const status = useAgentStatus(session);

  useEffect(() => onUnauthorized(() => setNeedsLogin(true)), []);

  const logout = () => {
    agentApi.logout().finally(() => setNeedsLogin(true));
  };

  return (
    <div class="app" data-ready="true">
      <header class="top-bar">
        <a class="brand" href="#/presets">
          FPT agent
        </a>
        <nav aria-label="Pages">
          {[...navItems, ...(status.status && status.status.fleet.peers > 0 ? [fleetNavItem] : [])].map(
            (item) => (
              <a
                key={item.label}
                href={item.hash}
                aria-current={(item.pages as readonly string[]).includes(route.page) ? 'page' : undefined}
              >
                {item.label}
              </a>
            ),
          )}
        </nav>
      </header>
      {needsLogin ? (
        <LoginForm
          onLoggedIn={() => {
            setNeedsLogin(false);
            setSession((n) => n + 1);
          }}
        />
      ) : (
        <Page key={`${session}:${location.hash}`} route={route} ownVersion={status.status?.version} />
      )}
      <StatusBar {...status} onLogout={logout} />
    </div>
  );
}
