/** A refusal or a failure a user reads as one line: no stack trace. */
export class ReleaseError extends Error {
  public constructor(
    message: string,
    /** The process's exit code. */
    public readonly exitCode = 1,
  ) {
    super(message);
    this.name = "ReleaseError";
  }
}
