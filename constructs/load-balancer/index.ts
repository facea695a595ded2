// The load balancer in front of the note's service (the book's ALB chapter): an
// internet-facing ALB, an HTTP listener, a target group of task IPs and the rule
// that forwards every path to it.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/introduction.html
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Construct } from "constructs";
import { SecurityGroupModule } from "../security-group";
import { resolveTerraformNames, terraformNamer, TerraformNames } from "../shared/addresses";
import { elbName, nonEmpty, port, wholeNumber } from "../shared/rules";
import { Problems } from "../shared/validation";

export interface LoadBalancerProps {
  /**
   * The name of the load balancer and of the target group (at most 32 characters each),
   * unique in the account and region (the note's `example`).
   */
  readonly name: string;
  /** The name of the load balancer's security group, the `http_sg` module instance (the book's `http-sg`). */
  readonly securityGroupName: string;
  /** The VPC of the target group and of the `http_sg` security group. */
  readonly vpcId: string;
  /** The public subnets the load balancer listens in, one per AZ (at least two). */
  readonly subnetIds: string[];
  /**
   * Deletion protection, so that a stray `destroy` cannot take the public entry point away.
   * Turn it off for throwaway environments (the local emulator does).
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Seconds a connection may stay idle.
   * @default 60
   */
  readonly idleTimeoutSeconds?: number;
  /**
   * The port the targets (the containers) listen on.
   * @default 80
   */
  readonly targetPort?: number;
  /**
   * The path of the target group's health check.
   * @default "/"
   */
  readonly healthCheckPath?: string;
  /**
   * The Terraform names of the load balancer's resources.
   * @default "note" for the stack's first load balancer (`aws_lb.example`, `aws_lb_listener.http`, ...), "own" for later ones (`aws_lb.<id>`, `aws_lb_listener.<id>_http`, ...)
   */
  readonly terraformNames?: TerraformNames;
}

/**
 * Addresses: `aws_lb.example`, `aws_lb_listener.http`, `aws_lb_target_group.example`,
 * `aws_lb_listener_rule.example` and the `http_sg` security group module.
 */
export class LoadBalancer extends Construct {
  public readonly loadBalancerArn: string;
  public readonly dnsName: string;
  public readonly targetGroupArn: string;
  /**
   * The rule that attaches the target group to the load balancer. ECS rejects a
   * service whose target group is not attached yet, so the service depends on it.
   */
  public readonly listenerRule: LbListenerRule;

  public constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);

    const name = props.name;
    const deletionProtection = props.deletionProtection ?? true;
    const idleTimeout = props.idleTimeoutSeconds ?? 60;
    const targetPort = props.targetPort ?? 80;
    const healthCheckPath = props.healthCheckPath ?? "/";

    const problems = new Problems(this);
    const named = terraformNamer(resolveTerraformNames(this, "LoadBalancer", props.terraformNames, problems), id);
    problems.check("name", name, elbName);
    problems.check("subnetIds", props.subnetIds, nonEmpty);
    problems.check("idleTimeoutSeconds", idleTimeout, wholeNumber(1, 4000));
    problems.check("targetPort", targetPort, port);
    problems.check("healthCheckPath", healthCheckPath, (p) =>
      /^\/\S{0,1023}$/.test(p) ? undefined : "must start with / and be at most 1024 characters without spaces",
    );

    const httpSg = new SecurityGroupModule(this, named("http_sg"), {
      name: props.securityGroupName,
      vpcId: props.vpcId,
      port: 80,
      cidrBlocks: ["0.0.0.0/0"],
    });

    const lb = new Lb(this, "lb", {
      name,
      loadBalancerType: "application",
      internal: false,
      idleTimeout,
      enableDeletionProtection: deletionProtection,
      subnets: props.subnetIds,
      securityGroups: [httpSg.securityGroupId],
    });
    lb.overrideLogicalId(named("example"));

    const listener = new LbListener(this, "http", {
      loadBalancerArn: lb.arn,
      port: 80,
      protocol: "HTTP",
      defaultAction: [
        {
          type: "fixed-response",
          fixedResponse: { contentType: "text/plain", messageBody: "This is HTTP", statusCode: "200" },
        },
      ],
    });
    listener.overrideLogicalId(named("http"));

    const targetGroup = new LbTargetGroup(this, "target_group", {
      name,
      // Fargate tasks in awsvpc mode register by IP address.
      targetType: "ip",
      vpcId: props.vpcId,
      port: targetPort,
      protocol: "HTTP",
      deregistrationDelay: "300",
      healthCheck: {
        path: healthCheckPath,
        healthyThreshold: 5,
        unhealthyThreshold: 2,
        timeout: 5,
        interval: 30,
        matcher: "200",
        port: "traffic-port",
        protocol: "HTTP",
      },
      dependsOn: [lb],
    });
    targetGroup.overrideLogicalId(named("example"));

    const rule = new LbListenerRule(this, "listener_rule", {
      listenerArn: listener.arn,
      priority: 100,
      action: [{ type: "forward", targetGroupArn: targetGroup.arn }],
      condition: [{ pathPattern: { values: ["/*"] } }],
    });
    rule.overrideLogicalId(named("example"));

    this.loadBalancerArn = lb.arn;
    this.dnsName = lb.dnsName;
    this.targetGroupArn = targetGroup.arn;
    this.listenerRule = rule;
  }
}
