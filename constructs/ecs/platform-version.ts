// Fargate Linux platform versions.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-linux-fargate.html

/** Versions AWS runs new tasks on. `LATEST` resolves to the newest of them at deploy time. */
export const SUPPORTED_PLATFORM_VERSIONS = ["LATEST", "1.4.0"] as const;

/** Versions AWS has retired: no new services or tasks run on them (1.3.0 since 2026-03-16). */
export const RETIRED_PLATFORM_VERSIONS = ["1.0.0", "1.1.0", "1.2.0", "1.3.0"] as const;

export function platformVersionRule(version: string): string | undefined {
  if ((SUPPORTED_PLATFORM_VERSIONS as readonly string[]).includes(version)) return undefined;
  if ((RETIRED_PLATFORM_VERSIONS as readonly string[]).includes(version)) {
    return "must be LATEST or 1.4.0: AWS retired 1.3.0 and older (1.3.0 on 2026-03-16), no new services or tasks run on them";
  }
  return "must be LATEST or 1.4.0, the Fargate platform versions AWS runs";
}
