package io.cellwork.loaddriver.engine;

/**
 * What came back for one request.
 *
 * @param status the HTTP status, or 0 when no answer came
 * @param failure why no answer came ({@code timeout}, {@code connect}, {@code closed}); null when one did
 * @param retryAfter the Retry-After header, or null
 * @param body the response body (empty when none)
 * @param doneNanos when the answer (or the failure) arrived, on the {@link System#nanoTime} clock
 */
public record Answer(int status, String failure, String retryAfter, byte[] body, long doneNanos) {
  private static final byte[] NONE = new byte[0];

  static Answer failed(String failure, long doneNanos) {
    return new Answer(0, failure, null, NONE, doneNanos);
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The outcome's name in error tables: the status code, or the failure. */
  public String outcome() {
    return status == 0 ? failure : Integer.toString(status);
  }
}
