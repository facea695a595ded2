// What a run takes from the process environment, on top of the environments' settings.

/** Where the stacks are deployed, and the state overrides of this run. */
export interface RuntimeSettings {
  /**
   * An AWS-compatible endpoint (the local emulator) for every AWS call, from `AWS_ENDPOINT_URL`.
   * @default real AWS
   */
  readonly endpoint?: string;
  /**
   * An S3 bucket for every stack's state, from `TF_STATE_BUCKET`; overrides each environment's `state.bucket`.
   * @default each environment's own setting
   */
  readonly stateBucket?: string;
}

/** Reads `AWS_ENDPOINT_URL` and `TF_STATE_BUCKET`; empty values count as unset. */
export function runtimeFromEnvironment(env: NodeJS.ProcessEnv): RuntimeSettings {
  return { endpoint: env.AWS_ENDPOINT_URL || undefined, stateBucket: env.TF_STATE_BUCKET || undefined };
}
