// The load balancer in front of the note's service (the book's ALB chapter): an
// internet-facing ALB, an HTTP listener (or, with a certificate, the book's HTTPS
// listener and a redirect from HTTP), and per target a target group of task IPs and the
// rule that forwards its paths to it (the note's one target: every path, port 80).
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/introduction.html
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { SecurityGroupModule, SecurityGroupOptions } from "../security-group";
import { resolveTerraformNames, terraformNamer, TerraformNames } from "../shared/addresses";
import { elbName, nonEmpty, s3BucketName, wholeNumber } from "../shared/rules";
import { Problems } from "../shared/validation";
import { BOOK_TARGET, checkEgressReachesTargets, checkTargets, LoadBalancerTarget, resolveTarget } from "./targets";

export * from "./health-check";
export * from "./targets";

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
   * The targets: per target a target group and a listener rule. The first keeps the note's
   * addresses and the load balancer's name; the others are named after their `name`s. Each
   * target's containers are bound to it by the service (`FargateService`'s `loadBalancers`).
   * @default one target, the note's: port 80, every path, priority 100, the book's health check
   */
  readonly targets?: readonly LoadBalancerTarget[];
  /**
   * HTTPS: a listener on 443 (`aws_lb_listener.https`) that the listener rules move to, port 80
   * answering with a 301 redirect to it, and `https_sg` opening 443. Moving a rule replaces it
   * (its listener cannot change), so the service's target groups are detached for a moment.
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
   * Descriptions and egress of `http_sg`; for example egress only to the VPC's CIDR block on the targets' ports
   * (a list of ports must hold every target's).
   * @default none: the book's module (no descriptions, everything out)
   */
  readonly httpSecurityGroup?: SecurityGroupOptions;
  /**
   * The Terraform names of the load balancer's resources.
   * @default "note" for the stack's first load balancer (`aws_lb.example`, `aws_lb_listener.http`, ...), "own" for later ones (`aws_lb.<id>`, `aws_lb_listener.<id>_http`, ...)
   */
  readonly terraformNames?: TerraformNames;
}

/** What the stack needs of one target: its target group, for the service, autoscaling and their waits. */
export interface LoadBalancerTargetGroup {
  /** The target's `name`; none for a first target left without one (the note's). */
  readonly name?: string;
  readonly targetGroupArn: string;
  /** `targetgroup/<name>/<id>`: with the load balancer's suffix, what autoscaling on requests per target counts. */
  readonly targetGroupArnSuffix: string;
  /**
   * The rule that attaches the target group to the load balancer. ECS rejects a
   * service whose target group is not attached yet, so the service depends on it.
   */
  readonly listenerRule: LbListenerRule;
}

/**
 * Addresses: `aws_lb.example`, `aws_lb_listener.http`, the `http_sg` security group module, and
 * per target `aws_lb_target_group.<name>` and `aws_lb_listener_rule.<name>` (the first target
 * without a name: `example`, the note's); with HTTPS, `aws_lb_listener.https` and the `https_sg` module.
 */
export class LoadBalancer extends Construct {
  public readonly loadBalancerArn: string;
  public readonly dnsName: string;
  /** The load balancer's hosted zone, for a Route 53 alias record. */
  public readonly zoneId: string;
  /** `app/<name>/<id>`: with a target group's suffix, what autoscaling on requests per target counts. */
  public readonly loadBalancerArnSuffix: string;
  /** The listener the rules forward from: `aws_lb_listener.https` with HTTPS, else `aws_lb_listener.http`. */
  public readonly listenerArn: string;
  /** `http_sg`, attached in every case: what the containers' security groups let the targets' ports in from. */
  public readonly securityGroupId: string;
  /** The targets, in the order given. */
  public readonly targets: readonly LoadBalancerTargetGroup[];

  public constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);

    const name = props.name;
    const deletionProtection = props.deletionProtection ?? true;
    const idleTimeout = props.idleTimeoutSeconds ?? 60;
    const targets = (props.targets ?? [BOOK_TARGET]).map(resolveTarget);
    const https = props.https && { ...props.https, sslPolicy: props.https.sslPolicy ?? DEFAULT_SSL_POLICY };

    const problems = new Problems(this);
    const named = terraformNamer(resolveTerraformNames(this, "LoadBalancer", props.terraformNames, problems), id);
    problems.check("name", name, elbName);
    problems.check("subnetIds", props.subnetIds, nonEmpty);
    problems.check("idleTimeoutSeconds", idleTimeout, wholeNumber(1, 4000));
    checkTargets(problems, targets, name, props.targets);
    checkEgressReachesTargets(
      problems,
      "httpSecurityGroup.egress.ports",
      props.httpSecurityGroup?.egress?.ports,
      targets,
    );
    if (https) {
      problems.check("https.sslPolicy", https.sslPolicy, tls13Policy);
      checkEgressReachesTargets(
        problems,
        "https.securityGroup.egress.ports",
        https.securityGroup?.egress?.ports,
        targets,
      );
    }
    if (props.accessLogs) problems.check("accessLogs.bucket", props.accessLogs.bucket, s3BucketName);

    const httpSg = new SecurityGroupModule(this, named("http_sg"), {
      ...props.httpSecurityGroup,
      name: props.securityGroupName,
      vpcId: props.vpcId,
      ingress: { ports: [80], from: { cidrBlocks: ["0.0.0.0/0"] } },
    });
    const httpsSg =
      https &&
      new SecurityGroupModule(this, named("https_sg"), {
        ...https.securityGroup,
        name: https.securityGroupName,
        vpcId: props.vpcId,
        ingress: { ports: [443], from: { cidrBlocks: ["0.0.0.0/0"] } },
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
        // The book's default action; the note's rule forwards every path, so only a request no
        // rule matches (none with a target of every path) sees it.
        defaultAction: [
          {
            type: "fixed-response",
            fixedResponse: { contentType: "text/plain", messageBody: "This is HTTPS", statusCode: "200" },
          },
        ],
      });
    httpsListener?.overrideLogicalId(named("https"));
    const listener = httpsListener ?? httpListener;

    const used = new Set<string>();
    this.targets = targets.map((target, i) => {
      // The first target keeps the note's construct ids and addresses; the others take their names'.
      // A name given twice is reported above; its second target gets an address of its own meanwhile,
      // so that the mistake makes one line, not a second about a duplicate address.
      const suffix = i === 0 ? "" : `_${i}`;
      const wanted = named(target.name ?? "example");
      const address = used.has(wanted) ? `${wanted}_${i}` : wanted;
      used.add(address);
      const targetGroup = new LbTargetGroup(this, `target_group${suffix}`, {
        name: target.name === undefined ? name : `${name}-${target.name}`,
        // Fargate tasks in awsvpc mode register by IP address.
        targetType: "ip",
        vpcId: props.vpcId,
        port: target.port,
        protocol: "HTTP",
        deregistrationDelay: "300",
        healthCheck: {
          path: target.healthCheck.path,
          healthyThreshold: target.healthCheck.healthyThreshold,
          unhealthyThreshold: target.healthCheck.unhealthyThreshold,
          timeout: target.healthCheck.timeoutSeconds,
          interval: target.healthCheck.intervalSeconds,
          matcher: target.healthCheck.matcher,
          port: "traffic-port",
          protocol: "HTTP",
        },
        dependsOn: [lb],
      });
      targetGroup.overrideLogicalId(address);

      const rule = new LbListenerRule(this, `listener_rule${suffix}`, {
        listenerArn: listener.arn,
        priority: target.priority,
        action: [{ type: "forward", targetGroupArn: targetGroup.arn }],
        condition: [
          ...(target.pathPatterns.length > 0 ? [{ pathPattern: { values: [...target.pathPatterns] } }] : []),
          ...(target.hostHeaders.length > 0 ? [{ hostHeader: { values: [...target.hostHeaders] } }] : []),
        ],
      });
      rule.overrideLogicalId(address);
      return {
        name: target.name,
        targetGroupArn: targetGroup.arn,
        targetGroupArnSuffix: targetGroup.arnSuffix,
        listenerRule: rule,
      };
    });

    this.loadBalancerArn = lb.arn;
    this.dnsName = lb.dnsName;
    this.zoneId = lb.zoneId;
    this.loadBalancerArnSuffix = lb.arnSuffix;
    this.listenerArn = listener.arn;
    this.securityGroupId = httpSg.securityGroupId;
  }
}
