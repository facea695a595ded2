// The settings `main.ts` reads from the environment: nothing else varies per run.
import { EcsFargateStackProps } from "../stacks/ecs-fargate-stack";

/** The stack's name: `cdktf.out/stacks/<it>/cdk.tf.json`. */
export const STACK_NAME = "ecs-fargate";

/**
 * - `AWS_ENDPOINT_URL`: an AWS-compatible endpoint (the local emulator) instead of AWS.
 * - `TF_STATE_BUCKET` (and optional `TF_STATE_KEY`): keep the state in that S3 bucket.
 */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv): EcsFargateStackProps {
  const endpoint = env.AWS_ENDPOINT_URL || undefined;
  const bucket = env.TF_STATE_BUCKET || undefined;
  return {
    endpoint,
    remoteState: bucket ? { bucket, key: env.TF_STATE_KEY || undefined } : undefined,
  };
}
