// The load balancer in front of the note's service (the book's ALB chapter): an
// internet-facing ALB, an HTTP listener (or, with a certificate, the book's HTTPS
// listener and a redirect from HTTP), a target group of task IPs and the rule that
// forwards every path to it.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/introduction.html
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { SecurityGroupModule, SecurityGroupOptions } from "../security-group";
import { resolveTerraformNames, terraformNamer, TerraformNames } from "../shared/addresses";
import { elbName, nonEmpty, port, s3BucketName, wholeNumber } from "../shared/rules";
import { Problems } from "../shared/validation";
import { checkHealthCheck, resolveHealthCheck, TargetGroupHealthCheck } from "./health-check";

export * from "./health-check";

/** The TLS policy of the HTTPS listener unless told otherwise: TLS 1.3 and 1.2, no older protocol. */
export const DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/**
 * A security policy of the TLS13 family whose oldest protocol is TLS 1.2 or 1.3: the family also
 * has `...-TLS13-1-0-...` and `...-TLS13-1-1-...`, which still accept TLS 1.0 and 1.1.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 */
export function tls13Policy(value: string): string | undefined {
  return /^ELBSecurityPolicy-TLS13-1-[23]-[A-Za-z0-9-]+$/.test(value)
    ? undefined
    : `must be a TLS 1.3 policy with TLS 1.2 at oldest (ELBSecurityPolicy-TLS13-1-2-... or ...-TLS13-1-3-...), such as ${DEFAULT_SSL_POLICY}`;
}

/** The book's HTTPS chapter: a listener on 443 with an ACM certificate, and its `https_sg`. */
export interface LoadBalancerHttps {
  /**
   * The certificate the listener serves. Pass the validation's `certificate_arn`
   * (`DnsCertificate.certificateArn`), so that the listener waits until ACM has issued it.
   */
  readonly certificateArn: string;
  /** The name of the security group that opens 443, the `https_sg` module instance (the book's `https-sg`). */
  readonly securityGroupName: string;
  /**
   * The listener's security policy: a TLS 1.3 policy with TLS 1.2 at oldest
   * (`ELBSecurityPolicy-TLS13-1-2-...` or `-1-3-...`), so that no client negotiates TLS 1.1 or older.
   * @default "ELBSecurityPolicy-TLS13-1-2-2021-06" (TLS 1.3 and 1.2, AWS's recommended policy)
   */
  readonly sslPolicy?: string;
  /**
   * Descriptions and egress of `https_sg`.
   * @default none: the book's module (no descriptions, everything out)
   */
  readonly securityGroup?: SecurityGroupOptions;
}

/** Access logs to an S3 bucket (the book's `access_logs` block). */
export interface LoadBalancerAccessLogs {
  /** The bucket's name (`AccessLogBucket.bucketName`): in the load balancer's region, SSE-S3, with ELB allowed to write. */
  readonly bucket: string;
  /**
   * What the load balancer must wait for: AWS checks that it may write to the bucket when
   * access logs are turned on, so pass the bucket policy (`AccessLogBucket.bucketPolicy`).
   * @default none
   */
  readonly dependsOn?: ITerraformDependable[];
}

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
   * The target group's health check.
   * @default the book's: `/`, matcher 200, every 30 s, timeout 5 s, healthy after 5 checks, unhealthy after 2
   */
  readonly healthCheck?: TargetGroupHealthCheck;
  /**
   * HTTPS: a listener on 443 (`aws_lb_listener.https`) that the listener rule moves to, port 80
   * answering with a 301 redirect to it, and `https_sg` opening 443. Moving the rule replaces it
   * (its listener cannot change), so the service's target group is detached for a moment.
   * @default none: HTTP only, the rule on the port-80 listener (the note's)
   */
  readonly https?: LoadBalancerHttps;
  /**
   * Access logs of every request, for incident response and audits.
   * @default none (the note's)
   */
  readonly accessLogs?: LoadBalancerAccessLogs;
  /**
   * Drop HTTP headers whose names are not valid (`drop_invalid_header_fields`), so that request
   * smuggling through malformed headers never reaches the containers.
   * @default false (AWS's and the note's)
   */
  readonly dropInvalidHeaderFields?: boolean;
  /**
   * Descriptions and egress of `http_sg`; for example egress only to the VPC's CIDR block on the target port.
   * @default none: the book's module (no descriptions, everything out)
   */
  readonly httpSecurityGroup?: SecurityGroupOptions;
  /**
   * The Terraform names of the load balancer's resources.
   * @default "note" for the stack's first load balancer (`aws_lb.example`, `aws_lb_listener.http`, ...), "own" for later ones (`aws_lb.<id>`, `aws_lb_listener.<id>_http`, ...)
   */
  readonly terraformNames?: TerraformNames;
}

/**
 * Addresses: `aws_lb.example`, `aws_lb_listener.http`, `aws_lb_target_group.example`,
 * `aws_lb_listener_rule.example` and the `http_sg` security group module; with HTTPS,
 * `aws_lb_listener.https` and the `https_sg` module.
 */
export class LoadBalancer extends Construct {
  public readonly loadBalancerArn: string;
  public readonly dnsName: string;
  /** The load balancer's hosted zone, for a Route 53 alias record. */
  public readonly zoneId: string;
  public readonly targetGroupArn: string;
  /** `app/<name>/<id>`: with the target group's suffix, what autoscaling on requests per target counts. */
  public readonly loadBalancerArnSuffix: string;
  /** `targetgroup/<name>/<id>`. */
  public readonly targetGroupArnSuffix: string;
  /** The listener the rule forwards from: `aws_lb_listener.https` with HTTPS, else `aws_lb_listener.http`. */
  public readonly listenerArn: string;
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
    const healthCheck = resolveHealthCheck(props.healthCheck);
    const https = props.https && { ...props.https, sslPolicy: props.https.sslPolicy ?? DEFAULT_SSL_POLICY };

    const problems = new Problems(this);
    const named = terraformNamer(resolveTerraformNames(this, "LoadBalancer", props.terraformNames, problems), id);
    problems.check("name", name, elbName);
    problems.check("subnetIds", props.subnetIds, nonEmpty);
    problems.check("idleTimeoutSeconds", idleTimeout, wholeNumber(1, 4000));
    problems.check("targetPort", targetPort, port);
    checkHealthCheck(problems, healthCheck);
    if (https) problems.check("https.sslPolicy", https.sslPolicy, tls13Policy);
    if (props.accessLogs) problems.check("accessLogs.bucket", props.accessLogs.bucket, s3BucketName);

    const httpSg = new SecurityGroupModule(this, named("http_sg"), {
      ...props.httpSecurityGroup,
      name: props.securityGroupName,
      vpcId: props.vpcId,
      port: 80,
      cidrBlocks: ["0.0.0.0/0"],
    });
    const httpsSg =
      https &&
      new SecurityGroupModule(this, named("https_sg"), {
        ...https.securityGroup,
        name: https.securityGroupName,
        vpcId: props.vpcId,
        port: 443,
        cidrBlocks: ["0.0.0.0/0"],
      });

    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html
    const lb = new Lb(this, "lb", {
      name,
      loadBalancerType: "application",
      internal: false,
      idleTimeout,
      enableDeletionProtection: deletionProtection,
      dropInvalidHeaderFields: props.dropInvalidHeaderFields,
      subnets: props.subnetIds,
      securityGroups: httpsSg ? [httpSg.securityGroupId, httpsSg.securityGroupId] : [httpSg.securityGroupId],
      accessLogs: props.accessLogs && { bucket: props.accessLogs.bucket, enabled: true },
      dependsOn: props.accessLogs?.dependsOn,
    });
    lb.overrideLogicalId(named("example"));

    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html
    const httpListener = new LbListener(this, "http", {
      loadBalancerArn: lb.arn,
      port: 80,
      protocol: "HTTP",
      defaultAction: [
        https
          ? // Browsers and bookmarks still try http:// first: send them to HTTPS for good.
            { type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } }
          : {
              type: "fixed-response",
              fixedResponse: { contentType: "text/plain", messageBody: "This is HTTP", statusCode: "200" },
            },
      ],
    });
    httpListener.overrideLogicalId(named("http"));

    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html
    const httpsListener =
      https &&
      new LbListener(this, "https", {
        loadBalancerArn: lb.arn,
        port: 443,
        protocol: "HTTPS",
        certificateArn: https.certificateArn,
        sslPolicy: https.sslPolicy,
        // The book's default action; the rule below forwards every path, so only a request the
        // rule cannot match (none today) sees it.
        defaultAction: [
          {
            type: "fixed-response",
            fixedResponse: { contentType: "text/plain", messageBody: "This is HTTPS", statusCode: "200" },
          },
        ],
      });
    httpsListener?.overrideLogicalId(named("https"));
    const listener = httpsListener ?? httpListener;

    const targetGroup = new LbTargetGroup(this, "target_group", {
      name,
      // Fargate tasks in awsvpc mode register by IP address.
      targetType: "ip",
      vpcId: props.vpcId,
      port: targetPort,
      protocol: "HTTP",
      deregistrationDelay: "300",
      healthCheck: {
        path: healthCheck.path,
        healthyThreshold: healthCheck.healthyThreshold,
        unhealthyThreshold: healthCheck.unhealthyThreshold,
        timeout: healthCheck.timeoutSeconds,
        interval: healthCheck.intervalSeconds,
        matcher: healthCheck.matcher,
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
    this.zoneId = lb.zoneId;
    this.targetGroupArn = targetGroup.arn;
    this.loadBalancerArnSuffix = lb.arnSuffix;
    this.targetGroupArnSuffix = targetGroup.arnSuffix;
    this.listenerArn = listener.arn;
    this.listenerRule = rule;
  }
}
