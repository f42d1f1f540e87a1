import { useState } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import { ErrorBox } from './states.js';

/**
 * The token form shown whenever the agent answers 401. The agent sets an HttpOnly cookie on success;
 * the UI never keeps the token itself.
 */
export function LoginForm({ onLoggedIn }: { readonly onLoggedIn: () => void }) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await agentApi.login(token.trim());
      setToken('');
      onLoggedIn();
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <form onSubmit={submit} aria-label="Log in">
        <h1>Log in to this agent</h1>
        <p>
          This agent needs an API token (one of its FPT_TOKENS). It is sent once and kept by the browser as an
          HttpOnly cookie.
        </p>
        <label>
          Token
          <input
            type="password"
            name="token"
            autoComplete="current-password"
            value={token}
            onInput={(e) => setToken((e.target as HTMLInputElement).value)}
            required
          />
        </label>
        <button type="submit" disabled={busy || token.trim() === ''}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        {error ? <ErrorBox error={error} title="The token was not accepted" /> : null}
      </form>
    </main>
  );
}
