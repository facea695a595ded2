import { Lazy } from "cdktf";
import { FargateCluster, ServiceAutoscaling, ServiceAutoscalingProps } from "../../../constructs/ecs";
import { addresses, resolved, resource, synthJson, testStack, validationErrors } from "../../helpers/synth";

const LB_SUFFIX = "app/example/50dc6c495c0c9188";
const TG_SUFFIX = "targetgroup/example/73e2d6bc24d8a067";
const ADMIN_SUFFIX = "targetgroup/example-admin/0a1b2c3d4e5f6a7b";
/** The note's one target (no name), as the stack passes it. */
const TARGETS = [{ targetGroupArnSuffix: TG_SUFFIX }];

function build(overrides: Partial<ServiceAutoscalingProps> = {}) {
  const stack = testStack();
  const autoscaling = new ServiceAutoscaling(stack, "autoscaling", {
    clusterName: "example",
    serviceName: "example",
    desiredCount: 2,
    minCapacity: 2,
    maxCapacity: 6,
    ...overrides,
  });
  return { stack, autoscaling, json: synthJson(stack) };
}

const ON_TARGET = {
  resource_id: "${aws_appautoscaling_target.example.resource_id}",
  scalable_dimension: "${aws_appautoscaling_target.example.scalable_dimension}",
  service_namespace: "${aws_appautoscaling_target.example.service_namespace}",
};

describe("ServiceAutoscaling", () => {
  describe("defaults", () => {
    it("is aws_appautoscaling_target.example on the service's desired count, and no policy", () => {
      const { stack, json } = build();
      expect(addresses(json)).toEqual(["aws_appautoscaling_target.example"]);
      expect(resource(json, "aws_appautoscaling_target", "example")).toEqual({
        service_namespace: "ecs",
        scalable_dimension: "ecs:service:DesiredCount",
        resource_id: "service/example/example",
        min_capacity: 2,
        max_capacity: 6,
      });
      expect(validationErrors(stack)).toEqual([]);
    });

    it("names the service through its cluster's and its own references, so it waits for both", () => {
      const stack = testStack();
      const cluster = new FargateCluster(stack, "cluster", { name: "example" });
      new ServiceAutoscaling(stack, "autoscaling", {
        clusterName: cluster.clusterName,
        serviceName: Lazy.stringValue({ produce: () => "${aws_ecs_service.example.name}" }),
        desiredCount: 2,
        minCapacity: 2,
        maxCapacity: 6,
      });
      expect(resource(synthJson(stack), "aws_appautoscaling_target", "example").resource_id).toBe(
        "service/${aws_ecs_cluster.example.name}/${aws_ecs_service.example.name}",
      );
    });

    it("exposes the resource id", () => {
      const { stack, autoscaling } = build();
      expect(resolved(stack, autoscaling.resourceId)).toBe("${aws_appautoscaling_target.example.resource_id}");
    });
  });

  describe("overrides", () => {
    it("tracks average CPU as aws_appautoscaling_policy.cpu, with 300 s cooldowns by default", () => {
      const { stack, json } = build({ cpu: { policyName: "example-cpu", targetValue: 60 } });
      expect(validationErrors(stack)).toEqual([]);
      expect(resource(json, "aws_appautoscaling_policy", "cpu")).toEqual({
        name: "example-cpu",
        policy_type: "TargetTrackingScaling",
        ...ON_TARGET,
        target_tracking_scaling_policy_configuration: {
          target_value: 60,
          scale_in_cooldown: 300,
          scale_out_cooldown: 300,
          predefined_metric_specification: { predefined_metric_type: "ECSServiceAverageCPUUtilization" },
        },
      });
    });

    it("tracks requests per target as aws_appautoscaling_policy.requests, labelled by load balancer and target group", () => {
      const { stack, json } = build({
        requests: { policyName: "example-requests", targetValue: 1000 },
        loadBalancerArnSuffix: LB_SUFFIX,
        targets: TARGETS,
      });
      expect(validationErrors(stack)).toEqual([]);
      expect(resource(json, "aws_appautoscaling_policy", "requests")).toEqual({
        name: "example-requests",
        policy_type: "TargetTrackingScaling",
        ...ON_TARGET,
        target_tracking_scaling_policy_configuration: {
          target_value: 1000,
          scale_in_cooldown: 300,
          scale_out_cooldown: 300,
          predefined_metric_specification: {
            predefined_metric_type: "ALBRequestCountPerTarget",
            resource_label: `${LB_SUFFIX}/${TG_SUFFIX}`,
          },
        },
      });
    });

    it("builds the resource label from the arn_suffix references", () => {
      const { json } = build({
        requests: { policyName: "example-requests", targetValue: 1000 },
        loadBalancerArnSuffix: Lazy.stringValue({ produce: () => "${aws_lb.example.arn_suffix}" }),
        targets: [
          { targetGroupArnSuffix: Lazy.stringValue({ produce: () => "${aws_lb_target_group.example.arn_suffix}" }) },
        ],
      });
      expect(
        resource(json, "aws_appautoscaling_policy", "requests").target_tracking_scaling_policy_configuration
          .predefined_metric_specification.resource_label,
      ).toBe("${aws_lb.example.arn_suffix}/${aws_lb_target_group.example.arn_suffix}");
    });

    it.each<[string, string | undefined, string]>([
      ["the service's first target, unless it names another", undefined, `${LB_SUFFIX}/${TG_SUFFIX}`],
      ["the target it names", "admin", `${LB_SUFFIX}/${ADMIN_SUFFIX}`],
    ])("tracks the requests of %s", (_, target, label) => {
      const { stack, json } = build({
        requests: { policyName: "example-requests", targetValue: 1000, target },
        loadBalancerArnSuffix: LB_SUFFIX,
        targets: [...TARGETS, { name: "admin", targetGroupArnSuffix: ADMIN_SUFFIX }],
      });
      expect(validationErrors(stack)).toEqual([]);
      expect(
        resource(json, "aws_appautoscaling_policy", "requests").target_tracking_scaling_policy_configuration
          .predefined_metric_specification.resource_label,
      ).toBe(label);
    });

    it("names the policies after the service unless told otherwise", () => {
      const { json } = build({
        serviceName: "example-worker",
        cpu: { targetValue: 60 },
        requests: { targetValue: 1000 },
        loadBalancerArnSuffix: LB_SUFFIX,
        targets: TARGETS,
      });
      expect(resource(json, "aws_appautoscaling_policy", "cpu").name).toBe("example-worker-cpu");
      expect(resource(json, "aws_appautoscaling_policy", "requests").name).toBe("example-worker-requests");
    });

    it("takes a Terraform name from its owner for the target, the policies and the schedules", () => {
      const { json } = build({
        terraformName: "worker",
        cpu: { targetValue: 60 },
        scheduledActions: { night: { name: "worker-night", schedule: "cron(0 22 * * ? *)", maxCapacity: 2 } },
      });
      expect(addresses(json)).toEqual([
        "aws_appautoscaling_policy.worker_cpu",
        "aws_appautoscaling_scheduled_action.worker_night",
        "aws_appautoscaling_target.worker",
      ]);
    });

    it("gives both policies the cooldowns", () => {
      const { json } = build({
        cpu: { policyName: "example-cpu", targetValue: 60 },
        requests: { policyName: "example-requests", targetValue: 1000 },
        loadBalancerArnSuffix: LB_SUFFIX,
        targets: TARGETS,
        scaleInCooldownSeconds: 600,
        scaleOutCooldownSeconds: 0,
      });
      for (const name of ["cpu", "requests"]) {
        expect(
          resource(json, "aws_appautoscaling_policy", name).target_tracking_scaling_policy_configuration,
        ).toMatchObject({ scale_in_cooldown: 600, scale_out_cooldown: 0 });
      }
    });

    it("schedules changes of the bounds as aws_appautoscaling_scheduled_action.<name>", () => {
      const { stack, json } = build({
        scheduledActions: {
          night: {
            name: "example-night",
            schedule: "cron(0 22 * * ? *)",
            minCapacity: 1,
            maxCapacity: 2,
            timezone: "Asia/Tokyo",
          },
          morning: { name: "example-morning", schedule: "cron(0 7 ? * MON-FRI *)", minCapacity: 2 },
        },
        minCapacity: 1,
      });
      expect(validationErrors(stack)).toEqual([]);
      expect(addresses(json)).toEqual([
        "aws_appautoscaling_scheduled_action.morning",
        "aws_appautoscaling_scheduled_action.night",
        "aws_appautoscaling_target.example",
      ]);
      expect(resource(json, "aws_appautoscaling_scheduled_action", "night")).toEqual({
        name: "example-night",
        schedule: "cron(0 22 * * ? *)",
        timezone: "Asia/Tokyo",
        ...ON_TARGET,
        scalable_target_action: { min_capacity: "1", max_capacity: "2" },
      });
      expect(resource(json, "aws_appautoscaling_scheduled_action", "morning").scalable_target_action).toEqual({
        min_capacity: "2",
      });
    });

    it("takes a second instance under its own addresses", () => {
      const stack = testStack();
      const props = { clusterName: "example", desiredCount: 1, minCapacity: 1, maxCapacity: 2 };
      new ServiceAutoscaling(stack, "autoscaling", {
        ...props,
        serviceName: "web",
        cpu: { policyName: "web-cpu", targetValue: 50 },
      });
      new ServiceAutoscaling(stack, "worker", {
        ...props,
        serviceName: "worker",
        cpu: { policyName: "worker-cpu", targetValue: 50 },
        scheduledActions: { night: { name: "worker-night", schedule: "cron(0 22 * * ? *)", maxCapacity: 1 } },
      });
      expect(addresses(synthJson(stack))).toEqual([
        "aws_appautoscaling_policy.cpu",
        "aws_appautoscaling_policy.worker_cpu",
        "aws_appautoscaling_scheduled_action.worker_night",
        "aws_appautoscaling_target.example",
        "aws_appautoscaling_target.worker",
      ]);
      expect(validationErrors(stack)).toEqual([]);
    });
  });

  describe("validation", () => {
    it.each<[string, Partial<ServiceAutoscalingProps>]>([
      ["min = desired = max", { minCapacity: 2, desiredCount: 2, maxCapacity: 2 }],
      ["a CPU target of 100%", { cpu: { policyName: "cpu", targetValue: 100 } }],
      ["a CPU target of 0.5%", { cpu: { policyName: "cpu", targetValue: 0.5 } }],
      ["cooldowns of 0", { scaleInCooldownSeconds: 0, scaleOutCooldownSeconds: 0 }],
      [
        "a one-time schedule",
        { scheduledActions: { once: { name: "once", schedule: "at(2027-01-01T00:00:00)", maxCapacity: 3 } } },
      ],
      ["a rate schedule", { scheduledActions: { often: { name: "often", schedule: "rate(1 hour)", minCapacity: 0 } } }],
      [
        "a time zone with an offset",
        { scheduledActions: { x: { name: "x", schedule: "rate(2 days)", minCapacity: 1, timezone: "Etc/GMT+9" } } },
      ],
    ])("accepts %s", (_, overrides) => {
      expect(validationErrors(build(overrides).stack)).toEqual([]);
    });

    it.each<[string, Partial<ServiceAutoscalingProps>, string]>([
      [
        "a minimum of 0 tasks",
        { minCapacity: 0 },
        "test/autoscaling: `minCapacity` must be a whole number from 1, got: 0",
      ],
      [
        "a fractional maximum",
        { maxCapacity: 2.5 },
        "test/autoscaling: `maxCapacity` must be a whole number from 1, got: 2.5",
      ],
      [
        "a maximum below the minimum",
        { minCapacity: 3, maxCapacity: 2, desiredCount: 3 },
        "test/autoscaling: `maxCapacity` must be at least `minCapacity` (3), got: 2",
      ],
      [
        "a desired count below the minimum",
        { minCapacity: 3, desiredCount: 2 },
        "test/autoscaling: `desiredCount` must be from `minCapacity` (3) to `maxCapacity` (6): the service starts with it, got: 2",
      ],
      [
        "a desired count above the maximum",
        { desiredCount: 8 },
        "test/autoscaling: `desiredCount` must be from `minCapacity` (2) to `maxCapacity` (6): the service starts with it, got: 8",
      ],
      [
        "a CPU target of 0",
        { cpu: { policyName: "cpu", targetValue: 0 } },
        "test/autoscaling: `cpu.targetValue` must be a percentage above 0 and at most 100, got: 0",
      ],
      [
        "a CPU target above 100",
        { cpu: { policyName: "cpu", targetValue: 101 } },
        "test/autoscaling: `cpu.targetValue` must be a percentage above 0 and at most 100, got: 101",
      ],
      [
        "an empty policy name",
        { cpu: { policyName: "", targetValue: 60 } },
        'test/autoscaling: `cpu.policyName` must be 1 to 256 printable characters, got: ""',
      ],
      [
        "a requests target below 1",
        {
          requests: { policyName: "requests", targetValue: 0.5 },
          loadBalancerArnSuffix: LB_SUFFIX,
          targets: TARGETS,
        },
        "test/autoscaling: `requests.targetValue` must be a number of requests from 1, got: 0.5",
      ],
      [
        "two policies of one name",
        {
          cpu: { policyName: "scale", targetValue: 60 },
          requests: { policyName: "scale", targetValue: 1000 },
          loadBalancerArnSuffix: LB_SUFFIX,
          targets: TARGETS,
        },
        'test/autoscaling: `requests.policyName` must differ from `cpu.policyName`: a second policy of the same name replaces the first, got: "scale"',
      ],
      [
        "requests of a service without targets",
        { requests: { policyName: "requests", targetValue: 1000 }, loadBalancerArnSuffix: LB_SUFFIX },
        'test/autoscaling: `requests` must be left out for a service without load-balanced targets: it tracks the requests per task of one of them, got: {"policyName":"requests","targetValue":1000}',
      ],
      [
        "requests without the load balancer",
        { requests: { targetValue: 1000 }, targets: TARGETS },
        "test/autoscaling: `loadBalancerArnSuffix` must be given with `requests`: the policy counts the requests of the load balancer's target group, got: undefined",
      ],
      [
        "requests of a target the service does not have",
        {
          requests: { targetValue: 1000, target: "api" },
          loadBalancerArnSuffix: LB_SUFFIX,
          targets: [...TARGETS, { name: "admin", targetGroupArnSuffix: ADMIN_SUFFIX }],
        },
        'test/autoscaling: `requests.target` must name one of the service\'s targets (admin), got: "api"',
      ],
      [
        "a full ARN instead of a target group's ARN suffix",
        {
          requests: { targetValue: 1000 },
          loadBalancerArnSuffix: LB_SUFFIX,
          targets: [{ targetGroupArnSuffix: `arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:${TG_SUFFIX}` }],
        },
        `test/autoscaling: \`targets[0].targetGroupArnSuffix\` must be an ARN suffix, targetgroup/<name>/<id>, got: "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:${TG_SUFFIX}"`,
      ],
      [
        "a full ARN instead of the load balancer's ARN suffix",
        {
          requests: { policyName: "requests", targetValue: 1000 },
          loadBalancerArnSuffix: `arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/${LB_SUFFIX}`,
          targets: TARGETS,
        },
        `test/autoscaling: \`loadBalancerArnSuffix\` must be an ARN suffix, app/<name>/<id>, got: "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/${LB_SUFFIX}"`,
      ],
      [
        "a negative scale-in cooldown",
        { scaleInCooldownSeconds: -1 },
        "test/autoscaling: `scaleInCooldownSeconds` must be a whole number from 0, got: -1",
      ],
      [
        "a fractional scale-out cooldown",
        { scaleOutCooldownSeconds: 1.5 },
        "test/autoscaling: `scaleOutCooldownSeconds` must be a whole number from 0, got: 1.5",
      ],
      [
        "a schedule in Unix's five-field cron",
        { scheduledActions: { night: { name: "night", schedule: "cron(0 22 * * ?)", minCapacity: 1 } } },
        'test/autoscaling: `scheduledActions.night.schedule` must have six fields in cron(<minutes> <hours> <day of month> <month> <day of week> <year>), not 5, got: "cron(0 22 * * ?)"',
      ],
      [
        "a schedule in a unit rate does not take",
        { scheduledActions: { often: { name: "often", schedule: "rate(30 seconds)", minCapacity: 1 } } },
        'test/autoscaling: `scheduledActions.often.schedule` must have a unit of minute(s), hour(s) or day(s) in rate(), got: "rate(30 seconds)"',
      ],
      [
        "a one-time schedule without its time",
        { scheduledActions: { once: { name: "once", schedule: "at(2027-01-01)", maxCapacity: 3 } } },
        'test/autoscaling: `scheduledActions.once.schedule` must be at(yyyy-mm-ddThh:mm:ss), got: "at(2027-01-01)"',
      ],
      [
        "a scheduled action that changes nothing",
        { scheduledActions: { night: { name: "night", schedule: "cron(0 22 * * ? *)" } } },
        'test/autoscaling: `scheduledActions.night` must set `minCapacity`, `maxCapacity` or both, got: {"name":"night","schedule":"cron(0 22 * * ? *)"}',
      ],
      [
        "a scheduled maximum below its minimum",
        {
          scheduledActions: {
            night: { name: "night", schedule: "cron(0 22 * * ? *)", minCapacity: 3, maxCapacity: 1 },
          },
        },
        "test/autoscaling: `scheduledActions.night.maxCapacity` must be at least `scheduledActions.night.minCapacity` (3), got: 1",
      ],
      [
        "a negative scheduled minimum",
        { scheduledActions: { night: { name: "night", schedule: "cron(0 22 * * ? *)", minCapacity: -1 } } },
        "test/autoscaling: `scheduledActions.night.minCapacity` must be a whole number from 0, got: -1",
      ],
      [
        "a scheduled action name with a slash",
        { scheduledActions: { night: { name: "night/weekdays", schedule: "cron(0 22 * * ? *)", minCapacity: 1 } } },
        'test/autoscaling: `scheduledActions.night.name` must be 1 to 256 characters without :, /, | or control characters, not beginning or ending with a space, got: "night/weekdays"',
      ],
      [
        "two scheduled actions of one name",
        {
          scheduledActions: {
            night: { name: "scale", schedule: "cron(0 22 * * ? *)", minCapacity: 1 },
            morning: { name: "scale", schedule: "cron(0 7 * * ? *)", minCapacity: 2 },
          },
        },
        'test/autoscaling: `scheduledActions.morning.name` must be unique: `scheduledActions.night` has it too, got: "scale"',
      ],
      [
        "a scheduled action key that is not a Terraform name",
        { scheduledActions: { "9pm": { name: "night", schedule: "cron(0 21 * * ? *)", minCapacity: 1 } } },
        'test/autoscaling: `scheduledActions` key must be a Terraform name: a letter or underscore, then letters, digits, underscores and hyphens, got: "9pm"',
      ],
      [
        "an unknown time zone",
        {
          scheduledActions: {
            night: { name: "night", schedule: "cron(0 22 * * ? *)", minCapacity: 1, timezone: "Asia/Osaka" },
          },
        },
        'test/autoscaling: `scheduledActions.night.timezone` must be an IANA time zone such as Asia/Tokyo, got: "Asia/Osaka"',
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(build(overrides).stack)).toEqual([message]);
    });

    it("skips values that are only known at apply time", () => {
      const { stack } = build({
        minCapacity: Lazy.numberValue({ produce: () => 0 }),
        desiredCount: Lazy.numberValue({ produce: () => 100 }),
        cpu: { policyName: "cpu", targetValue: Lazy.numberValue({ produce: () => 500 }) },
      });
      expect(validationErrors(stack)).toEqual([]);
    });
  });
});
