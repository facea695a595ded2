// Application Auto Scaling of the service's desired count: target tracking on CPU and on requests
// per target, and scheduled changes of the bounds. The service must ignore `desired_count` once
// it is autoscaled (FargateService's `autoscaled`), or every apply resets what the scaler chose.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-auto-scaling.html
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { Construct } from "constructs";
import { resolveTerraformNames, terraformNamer, TerraformNames } from "../shared/addresses";
import { wholeNumber } from "../shared/rules";
import { scheduledActionExpression } from "../shared/schedule";
import { isUnresolved, Problems, Rule } from "../shared/validation";
import { terraformIdentifier } from "./arns";

/** One target tracking policy: Application Auto Scaling keeps the metric near `targetValue`. */
export interface TargetTracking {
  /**
   * The policy's name, unique on the scalable target, e.g. `example-cpu`.
   * @default "<service's name>-cpu" or "<service's name>-requests"
   */
  readonly policyName?: string;
  /** The value to keep the metric at. */
  readonly targetValue: number;
}

/** Target tracking on the requests per target of one of the service's load-balanced targets. */
export interface RequestsTracking extends TargetTracking {
  /**
   * The target whose requests per task are tracked, by its name (one of `targets`).
   * @default the service's first target
   */
  readonly target?: string;
}

/** One of the service's load-balanced targets, as the requests policy counts it. */
export interface ScalingTarget {
  /** The target's name, for `requests.target`; none for a first target that keeps the note's addresses. */
  readonly name?: string;
  /** Its target group's `arn_suffix` (`targetgroup/<name>/<id>`), for the policy's resource label. */
  readonly targetGroupArnSuffix: string;
}

/** A scheduled change of the scalable target's bounds, e.g. fewer tasks at night. */
export interface ScheduledScaling {
  /** The action's name, unique on the scalable target, e.g. `example-night`. */
  readonly name: string;
  /**
   * When it runs: `cron(minutes hours day-of-month month day-of-week year)`, `rate(<n> minutes|hours|days)`
   * or once, `at(yyyy-mm-ddThh:mm:ss)`.
   */
  readonly schedule: string;
  /**
   * The new minimum task count.
   * @default unchanged (give this, `maxCapacity` or both)
   */
  readonly minCapacity?: number;
  /**
   * The new maximum task count.
   * @default unchanged (give this, `minCapacity` or both)
   */
  readonly maxCapacity?: number;
  /**
   * The IANA time zone `cron` and `at` are read in, e.g. `Asia/Tokyo`.
   * @default UTC
   */
  readonly timezone?: string;
}

export interface ServiceAutoscalingProps {
  /** The service's cluster, by name: the scalable target is `service/<cluster>/<service>`. */
  readonly clusterName: string;
  /** The service, by name. */
  readonly serviceName: string;
  /** The count the service starts with (its `desiredCount`): it must lie within the bounds. */
  readonly desiredCount: number;
  /** The fewest tasks the scaler keeps: at least 1, so that the service always answers. */
  readonly minCapacity: number;
  /** The most tasks the scaler starts. */
  readonly maxCapacity: number;
  /**
   * Target tracking on the service's average CPU utilization (`ECSServiceAverageCPUUtilization`),
   * `targetValue` in percent: above 0, at most 100.
   * @default none
   */
  readonly cpu?: TargetTracking;
  /**
   * Target tracking on the requests per task of one of the service's `targets`, per minute
   * (`ALBRequestCountPerTarget`), `targetValue` from 1. Needs `loadBalancerArnSuffix` and `targets`.
   * @default none
   */
  readonly requests?: RequestsTracking;
  /** The load balancer's `arn_suffix` (`app/<name>/<id>`), for the requests policy's resource label. @default none */
  readonly loadBalancerArnSuffix?: string;
  /** The service's load-balanced targets, for `requests` to name one. @default none */
  readonly targets?: readonly ScalingTarget[];
  /**
   * Seconds after a scale-in before the next scale-in, in both policies: stopping tasks slowly
   * keeps capacity through a short dip in load.
   * @default 300, Application Auto Scaling's default for ECS, written out so that the plan shows it
   */
  readonly scaleInCooldownSeconds?: number;
  /**
   * Seconds after a scale-out before the next scale-out, in both policies: room for the new
   * tasks to start and take load before more are added.
   * @default 300, Application Auto Scaling's default for ECS, written out so that the plan shows it
   */
  readonly scaleOutCooldownSeconds?: number;
  /**
   * Scheduled changes of the bounds, by Terraform name (`night` is
   * `aws_appautoscaling_scheduled_action.night`).
   * @default none
   */
  readonly scheduledActions?: Readonly<Record<string, ScheduledScaling>>;
  /**
   * The Terraform names of the resources.
   * @default "note" for the stack's first (`aws_appautoscaling_target.example`, `aws_appautoscaling_policy.cpu`, ...), "own" for later ones (`aws_appautoscaling_target.<id>`, `aws_appautoscaling_policy.<id>_cpu`, ...)
   */
  readonly terraformNames?: TerraformNames;
  /**
   * The Terraform name the construct's owner gives the scalable target (a stack's service of its
   * own, named after its key): `aws_appautoscaling_target.<it>`, its policies `<it>_cpu` and
   * `<it>_requests`, its scheduled actions `<it>_<key>`, whatever `terraformNames` says.
   * @default none: named by `terraformNames`
   */
  readonly terraformName?: string;
}

/**
 * `aws_appautoscaling_target.example` on the service's desired count, with
 * `aws_appautoscaling_policy.cpu`, `aws_appautoscaling_policy.requests` (on one of the service's targets) and
 * `aws_appautoscaling_scheduled_action.<name>` as configured.
 */
export class ServiceAutoscaling extends Construct {
  /** `service/<cluster>/<service>`. */
  public readonly resourceId: string;

  public constructor(scope: Construct, id: string, props: ServiceAutoscalingProps) {
    super(scope, id);
    const scaleInCooldown = props.scaleInCooldownSeconds ?? 300;
    const scaleOutCooldown = props.scaleOutCooldownSeconds ?? 300;

    const problems = new Problems(this);
    const named =
      props.terraformName === undefined
        ? terraformNamer(resolveTerraformNames(this, "ServiceAutoscaling", props.terraformNames, problems), id)
        : terraformNamer("own", props.terraformName);
    const requestsTarget = this.requestsTarget(problems, props);
    this.checkCapacities(problems, props);
    problems.check("scaleInCooldownSeconds", scaleInCooldown, wholeNumber(0));
    problems.check("scaleOutCooldownSeconds", scaleOutCooldown, wholeNumber(0));
    this.checkPolicies(problems, props);
    this.checkScheduledActions(problems, props.scheduledActions ?? {});

    // ===== Scalable target =====
    // https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-register-resource.html
    const target = new AppautoscalingTarget(this, "target", {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      // The service's name as a reference: the target waits for the service to exist.
      resourceId: `service/${props.clusterName}/${props.serviceName}`,
      minCapacity: props.minCapacity,
      maxCapacity: props.maxCapacity,
    });
    target.overrideLogicalId(named("example"));
    const onTarget = {
      resourceId: target.resourceId,
      scalableDimension: target.scalableDimension,
      serviceNamespace: target.serviceNamespace,
    };

    // ===== Target tracking policies =====
    // https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html
    // With both, the scaler scales out when either asks and in only when both allow it.
    const trackings = [
      ["cpu", props.cpu, "ECSServiceAverageCPUUtilization", undefined],
      [
        "requests",
        props.requests,
        "ALBRequestCountPerTarget",
        `${props.loadBalancerArnSuffix ?? ""}/${requestsTarget?.targetGroupArnSuffix ?? ""}`,
      ],
    ] as const;
    for (const [noteName, tracking, predefinedMetricType, resourceLabel] of trackings) {
      if (!tracking) continue;
      new AppautoscalingPolicy(this, noteName, {
        name: tracking.policyName ?? `${props.serviceName}-${noteName}`,
        policyType: "TargetTrackingScaling",
        ...onTarget,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: tracking.targetValue,
          scaleInCooldown,
          scaleOutCooldown,
          predefinedMetricSpecification: { predefinedMetricType, resourceLabel },
        },
      }).overrideLogicalId(named(noteName));
    }

    // ===== Scheduled actions =====
    // https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-scheduled-scaling.html
    for (const [key, action] of Object.entries(props.scheduledActions ?? {})) {
      new AppautoscalingScheduledAction(this, `scheduled_${key}`, {
        name: action.name,
        schedule: action.schedule,
        timezone: action.timezone,
        ...onTarget,
        scalableTargetAction: {
          minCapacity: action.minCapacity === undefined ? undefined : String(action.minCapacity),
          maxCapacity: action.maxCapacity === undefined ? undefined : String(action.maxCapacity),
        },
      }).overrideLogicalId(named(key));
    }
    this.resourceId = target.resourceId;
  }

  /** 1 ≤ min ≤ desired ≤ max, each relation checked only when the values it compares are valid. */
  private checkCapacities(problems: Problems, props: ServiceAutoscalingProps): void {
    const { minCapacity: min, maxCapacity: max, desiredCount: desired } = props;
    problems.check("minCapacity", min, wholeNumber(1));
    problems.check("maxCapacity", max, wholeNumber(1));
    if (isUnresolved(min) || isUnresolved(max) || wholeNumber(1)(min) || wholeNumber(1)(max)) return;
    if (max < min) {
      problems.report("maxCapacity", `must be at least \`minCapacity\` (${min})`, max);
      return;
    }
    // The service reports a desired count that is not a count at all.
    if (isUnresolved(desired) || wholeNumber(0)(desired)) return;
    if (desired < min || desired > max) {
      problems.report(
        "desiredCount",
        `must be from \`minCapacity\` (${min}) to \`maxCapacity\` (${max}): the service starts with it`,
        desired,
      );
    }
  }

  /** The target `requests` follows: the one it names, else the service's first; undefined (and reported) when there is none. */
  private requestsTarget(problems: Problems, props: ServiceAutoscalingProps): ScalingTarget | undefined {
    const { requests, targets = [] } = props;
    if (!requests) return undefined;
    if (targets.length === 0) {
      problems.report(
        "requests",
        "must be left out for a service without load-balanced targets: it tracks the requests per task of one of them",
        requests,
      );
      return undefined;
    }
    if (requests.target === undefined || isUnresolved(requests.target)) return targets[0];
    const found = targets.find((t) => t.name === requests.target);
    if (!found) {
      const names = targets.flatMap((t) => (t.name === undefined ? [] : [t.name]));
      problems.report(
        "requests.target",
        `must name one of the service's targets (${names.join(", ") || "none has a name"})`,
        requests.target,
      );
    }
    return found;
  }

  private checkPolicies(problems: Problems, props: ServiceAutoscalingProps): void {
    if (props.cpu?.policyName !== undefined) problems.check("cpu.policyName", props.cpu.policyName, policyName);
    if (props.cpu) {
      problems.check("cpu.targetValue", props.cpu.targetValue, (v) =>
        typeof v === "number" && v > 0 && v <= 100 ? undefined : "must be a percentage above 0 and at most 100",
      );
    }
    if (!props.requests) return;
    if (props.requests.policyName !== undefined) {
      problems.check("requests.policyName", props.requests.policyName, policyName);
    }
    if (props.cpu && props.requests.policyName !== undefined && props.requests.policyName === props.cpu.policyName) {
      problems.report(
        "requests.policyName",
        "must differ from `cpu.policyName`: a second policy of the same name replaces the first",
        props.requests.policyName,
      );
    }
    problems.check("requests.targetValue", props.requests.targetValue, (v) =>
      typeof v === "number" && Number.isFinite(v) && v >= 1 ? undefined : "must be a number of requests from 1",
    );
    const suffix = (form: string, pattern: RegExp) => (v: string) =>
      pattern.test(v) ? undefined : `must be an ARN suffix, ${form}`;
    if (props.loadBalancerArnSuffix === undefined) {
      problems.report(
        "loadBalancerArnSuffix",
        "must be given with `requests`: the policy counts the requests of the load balancer's target group",
        props.loadBalancerArnSuffix,
      );
    } else {
      problems.check(
        "loadBalancerArnSuffix",
        props.loadBalancerArnSuffix,
        suffix("app/<name>/<id>", /^app\/[^/]+\/[^/]+$/),
      );
    }
    (props.targets ?? []).forEach((target, i) =>
      problems.check(
        `targets[${i}].targetGroupArnSuffix`,
        target.targetGroupArnSuffix,
        suffix("targetgroup/<name>/<id>", /^targetgroup\/[^/]+\/[^/]+$/),
      ),
    );
  }

  private checkScheduledActions(problems: Problems, actions: Readonly<Record<string, ScheduledScaling>>): void {
    const byName = new Map<string, string>();
    for (const [key, action] of Object.entries(actions)) {
      const at = `scheduledActions.${key}`;
      problems.check("scheduledActions", key, (k) =>
        terraformIdentifier(k) ? `key ${terraformIdentifier(k)}` : undefined,
      );
      problems.check(`${at}.name`, action.name, scheduledActionName);
      if (!isUnresolved(action.name)) {
        const previous = byName.get(action.name);
        if (previous !== undefined) {
          problems.report(`${at}.name`, `must be unique: \`scheduledActions.${previous}\` has it too`, action.name);
        }
        byName.set(action.name, previous ?? key);
      }
      problems.check(`${at}.schedule`, action.schedule, scheduledActionExpression);
      if (action.timezone !== undefined) problems.check(`${at}.timezone`, action.timezone, ianaTimeZone);
      this.checkScheduledCapacities(problems, at, action);
    }
  }

  private checkScheduledCapacities(problems: Problems, at: string, action: ScheduledScaling): void {
    const { minCapacity: min, maxCapacity: max } = action;
    if (min === undefined && max === undefined) {
      problems.report(at, "must set `minCapacity`, `maxCapacity` or both", action);
      return;
    }
    if (min !== undefined) problems.check(`${at}.minCapacity`, min, wholeNumber(0));
    if (max !== undefined) problems.check(`${at}.maxCapacity`, max, wholeNumber(0));
    if (min === undefined || max === undefined || isUnresolved(min) || isUnresolved(max)) return;
    if (wholeNumber(0)(min) || wholeNumber(0)(max)) return;
    if (max < min) problems.report(`${at}.maxCapacity`, `must be at least \`${at}.minCapacity\` (${min})`, max);
  }
}

/** Application Auto Scaling's PolicyName: 1 to 256 printable characters. */
const policyName: Rule<string> = (value) =>
  typeof value === "string" && /^[^\p{C}]{1,256}$/u.test(value) ? undefined : "must be 1 to 256 printable characters";

/** Application Auto Scaling's ScheduledActionName: no `:`, `/`, `|` or control characters, no edge spaces. */
const scheduledActionName: Rule<string> = (value) =>
  typeof value === "string" && /^[^\p{Cc}:/|]{1,256}$/u.test(value) && value.trim() === value
    ? undefined
    : "must be 1 to 256 characters without :, /, | or control characters, not beginning or ending with a space";

/** An IANA time zone name, as the runtime's time zone database knows them. */
const ianaTimeZone: Rule<string> = (value) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value) ? undefined : "must be an IANA time zone such as Asia/Tokyo";
  } catch {
    return "must be an IANA time zone such as Asia/Tokyo";
  }
};
