// The target group's health check: how the load balancer decides a task may receive
// requests, and when ECS replaces one that stopped answering.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
import { wholeNumber } from "../shared/rules";
import { isUnresolved, Problems } from "../shared/validation";

/** The target group's health check; every field defaults to the book's value. */
export interface TargetGroupHealthCheck {
  /**
   * The path requested on each target.
   * @default "/" (the book's: nginx answers it)
   */
  readonly path?: string;
  /**
   * The HTTP codes that mean healthy: a code, a list or a range, e.g. "200", "200,302", "200-299".
   * @default "200" (the book's)
   */
  readonly matcher?: string;
  /**
   * Seconds between two checks of a target, 5 to 300.
   * @default 30 (the book's)
   */
  readonly intervalSeconds?: number;
  /**
   * Seconds without an answer that make a check fail, 2 to 120 and less than `intervalSeconds`.
   * @default 5 (the book's)
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive passed checks before a target receives requests, 2 to 10. Lower it to put new
   * tasks in service sooner (5 × 30 s is two and a half minutes per deploy).
   * @default 5 (the book's)
   */
  readonly healthyThreshold?: number;
  /**
   * Consecutive failed checks before a target is taken out of service, 2 to 10.
   * @default 2 (the book's)
   */
  readonly unhealthyThreshold?: number;
}

/** The book's health check. */
export const BOOK_HEALTH_CHECK: Required<TargetGroupHealthCheck> = {
  path: "/",
  matcher: "200",
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThreshold: 5,
  unhealthyThreshold: 2,
};

/** A health check with every unset field at the book's value. */
export function resolveHealthCheck(healthCheck: TargetGroupHealthCheck = {}): Required<TargetGroupHealthCheck> {
  return {
    path: healthCheck.path ?? BOOK_HEALTH_CHECK.path,
    matcher: healthCheck.matcher ?? BOOK_HEALTH_CHECK.matcher,
    intervalSeconds: healthCheck.intervalSeconds ?? BOOK_HEALTH_CHECK.intervalSeconds,
    timeoutSeconds: healthCheck.timeoutSeconds ?? BOOK_HEALTH_CHECK.timeoutSeconds,
    healthyThreshold: healthCheck.healthyThreshold ?? BOOK_HEALTH_CHECK.healthyThreshold,
    unhealthyThreshold: healthCheck.unhealthyThreshold ?? BOOK_HEALTH_CHECK.unhealthyThreshold,
  };
}

/** An ALB matcher for HTTP targets: codes from 200 to 499, as a code, a comma-separated list or a range. */
export function httpMatcher(value: string): string | undefined {
  const rule = 'must be HTTP codes from 200 to 499: a code, a list or a range such as "200", "200,302" or "200-299"';
  const code = (text: string) => /^\d{3}$/.test(text) && Number(text) >= 200 && Number(text) <= 499;
  const valid =
    typeof value === "string" &&
    value.split(",").every((part) => {
      const [low, high, ...rest] = part.split("-");
      if (rest.length > 0 || low === undefined || !code(low)) return false;
      return high === undefined || (code(high) && Number(low) < Number(high));
    });
  return valid ? undefined : rule;
}

/**
 * Checks a health check against the limits AWS enforces, each property under `<at>.`: a target's
 * `targets[1].healthCheck.path`.
 */
export function checkHealthCheck(problems: Problems, healthCheck: Required<TargetGroupHealthCheck>, at: string): void {
  const { path, matcher, intervalSeconds, timeoutSeconds, healthyThreshold, unhealthyThreshold } = healthCheck;
  problems.check(`${at}.path`, path, (p) =>
    /^\/\S{0,1023}$/.test(p) ? undefined : "must start with / and be at most 1024 characters without spaces",
  );
  problems.check(`${at}.matcher`, matcher, httpMatcher);
  const interval = wholeNumber(5, 300);
  problems.check(`${at}.intervalSeconds`, intervalSeconds, interval);
  problems.check(`${at}.timeoutSeconds`, timeoutSeconds, wholeNumber(2, 120), (timeout) =>
    // AWS rejects a timeout that is not shorter than the interval: the next check would start first.
    // A bad interval is reported once, above.
    isUnresolved(intervalSeconds) || interval(intervalSeconds) !== undefined || timeout < intervalSeconds
      ? undefined
      : `must be less than \`healthCheck.intervalSeconds\` (${intervalSeconds})`,
  );
  problems.check(`${at}.healthyThreshold`, healthyThreshold, wholeNumber(2, 10));
  problems.check(`${at}.unhealthyThreshold`, unhealthyThreshold, wholeNumber(2, 10));
}
