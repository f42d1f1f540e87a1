/** The agent API as docs/agent.md describes it, the parts a CI job needs. */
export interface RunRow {
  readonly id: string;
  readonly preset: string;
  readonly region: string;
  readonly status: 'running' | 'passed' | 'failed' | 'aborted' | 'stopped' | 'error';
  readonly reason: string | null;
  readonly exitCode: number | null;
}

/** An answer the agent gave with an error status: `{ error, hint?, problems? }`. */
export class AgentApiError extends Error {
  readonly status: number;
  readonly hint: string | undefined;
  readonly problems: readonly string[];
  constructor(status: number, body: { error?: string; hint?: string; problems?: string[] }, what: string) {
    super(`${what}: HTTP ${status}${body.error ? `: ${body.error}` : ''}`);
    this.name = 'AgentApiError';
    this.status = status;
    this.hint = body.hint;
    this.problems = body.problems ?? [];
  }
}

const REQUEST_TIMEOUT_MS = 30_000;

/** A small client for one agent: every call authenticated, bounded in time, errors as AgentApiError. */
export class AgentClient {
  readonly #baseUrl: string;
  readonly #token: string | undefined;

  constructor(baseUrl: string, token: string | undefined) {
    this.#baseUrl = baseUrl;
    this.#token = token;
  }

  /** GET /api/status: which region the agent serves. */
  async region(): Promise<string> {
    const status = (await this.#json('GET', '/api/status', undefined, 'GET /api/status')) as {
      region: string;
    };
    return status.region;
  }

  /** POST /api/runs → the new run (202). */
  startRun(body: { preset: string; overrides?: object; tags?: object }): Promise<RunRow> {
    return this.#json('POST', '/api/runs', body, 'POST /api/runs') as Promise<RunRow>;
  }

  getRun(id: string): Promise<RunRow> {
    return this.#json(
      'GET',
      `/api/runs/${encodeURIComponent(id)}`,
      undefined,
      `GET run ${id}`,
    ) as Promise<RunRow>;
  }

  stopRun(id: string): Promise<RunRow> {
    return this.#json(
      'POST',
      `/api/runs/${encodeURIComponent(id)}/stop`,
      {},
      `stop run ${id}`,
    ) as Promise<RunRow>;
  }

  /** One of a run's files (summary.json, report.html, junit.xml); undefined when the run has none. */
  async runFile(id: string, name: string): Promise<Buffer | undefined> {
    const response = await this.#fetch('GET', `/api/runs/${encodeURIComponent(id)}/${name}`, undefined);
    if (response.status === 404) return undefined;
    if (!response.ok)
      throw new AgentApiError(response.status, await errorBody(response), `GET ${name} of run ${id}`);
    return Buffer.from(await response.arrayBuffer());
  }

  async #json(method: string, path: string, body: unknown, what: string): Promise<unknown> {
    const response = await this.#fetch(method, path, body);
    if (!response.ok) throw new AgentApiError(response.status, await errorBody(response), what);
    return response.json();
  }

  #fetch(method: string, path: string, body: unknown): Promise<Response> {
    return fetch(`${this.#baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  }
}

async function errorBody(
  response: Response,
): Promise<{ error?: string; hint?: string; problems?: string[] }> {
  try {
    const body = (await response.json()) as unknown;
    return typeof body === 'object' && body !== null ? body : {};
  } catch {
    return {};
  }
}
