/**
 * Every invalid input to a metric is one of these: a code for programs, a sentence for people.
 * Metrics never return NaN or a sentinel like the Python references' bare `-1`; they throw.
 */
export type MetricErrorCode =
  | 'empty'
  | 'too_few'
  | 'length_mismatch'
  | 'dimension_mismatch'
  | 'non_finite'
  | 'zero_vector'
  | 'bad_shape'
  | 'bad_option'
  | 'no_convergence';

export class MetricError extends Error {
  override name = 'MetricError';
  constructor(
    readonly code: MetricErrorCode,
    message: string,
  ) {
    super(message);
  }
}
