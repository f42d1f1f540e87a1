import type { ApiErrorBody } from '@fpt/api-types';

/** An API call that did not succeed: the HTTP status (0 when the agent did not answer) and the JSON body. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody | undefined;

  constructor(status: number, body: ApiErrorBody | undefined, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}
