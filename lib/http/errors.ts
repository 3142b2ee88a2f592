import { AuthError } from '../auth/errors';

/** A failure whose message is safe and useful to show to the person who made the request. */
export class PublicError extends Error {
  override name = 'PublicError';
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Turns any thrown value into a JSON response; unexpected errors are logged, never echoed. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AuthError)
    return Response.json(errorBody(error.code, error.message), { status: error.status });
  if (error instanceof PublicError) {
    return Response.json(errorBody(error.code, error.message), { status: error.status });
  }
  console.error('[genki] unexpected error in route handler:', error);
  return Response.json(errorBody('internal', 'Something went wrong on the server. Try again.'), {
    status: 500,
  });
}
