import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { Fn } from "cdktf";
import { LoadBalancer, LoadBalancerProps } from "../../constructs/load-balancer";
import { addresses, resolved, resource, synthJson, testStack, validationErrors } from "../helpers/synth";

function build(overrides: Partial<LoadBalancerProps> = {}) {
  const stack = testStack();
  const lb = new LoadBalancer(stack, "load_balancer", {
    name: "example",
    securityGroupName: "http-sg",
    vpcId: "vpc-123",
    subnetIds: ["subnet-a", "subnet-c"],
    ...overrides,
  });
  return { stack, lb, json: synthJson(stack) };
}

const HTTPS = {
  certificateArn: "arn:aws:acm:ap-northeast-1:123456789012:certificate/abc",
  securityGroupName: "https-sg",
};

/** The resources as Terraform gets them, without CDKTF's metadata. */
function terraformResources(json: { resource: Record<string, Record<string, any>> }) {
  return JSON.parse(JSON.stringify(json.resource, (key, value: unknown) => (key === "//" ? undefined : value)));
}

/** What the construct synthesized before HTTPS, access logs, hardening and health check settings existed. */
const BOOK_JSON = {
  aws_lb: {
    example: {
      enable_deletion_protection: true,
      idle_timeout: 60,
      internal: false,
      load_balancer_type: "application",
      name: "example",
      security_groups: ["${aws_security_group.http_sg.id}"],
      subnets: ["subnet-a", "subnet-c"],
    },
  },
  aws_lb_listener: {
    http: {
      default_action: [
        {
          fixed_response: { content_type: "text/plain", message_body: "This is HTTP", status_code: "200" },
          type: "fixed-response",
        },
      ],
      load_balancer_arn: "${aws_lb.example.arn}",
      port: 80,
      protocol: "HTTP",
    },
  },
  aws_lb_listener_rule: {
    example: {
      action: [{ target_group_arn: "${aws_lb_target_group.example.arn}", type: "forward" }],
      condition: [{ path_pattern: { values: ["/*"] } }],
      listener_arn: "${aws_lb_listener.http.arn}",
      priority: 100,
    },
  },
  aws_lb_target_group: {
    example: {
      depends_on: ["aws_lb.example"],
      deregistration_delay: "300",
      health_check: {
        healthy_threshold: 5,
        interval: 30,
        matcher: "200",
        path: "/",
        port: "traffic-port",
        protocol: "HTTP",
        timeout: 5,
        unhealthy_threshold: 2,
      },
      name: "example",
      port: 80,
      protocol: "HTTP",
      target_type: "ip",
      vpc_id: "vpc-123",
    },
  },
  aws_security_group: { http_sg: { name: "http-sg", vpc_id: "vpc-123" } },
  aws_security_group_rule: {
    http_sg_egress: {
      cidr_blocks: ["0.0.0.0/0"],
      from_port: 0,
      protocol: "-1",
      security_group_id: "${aws_security_group.http_sg.id}",
      to_port: 0,
      type: "egress",
    },
    http_sg_ingress: {
      cidr_blocks: ["0.0.0.0/0"],
      from_port: 80,
      protocol: "tcp",
      security_group_id: "${aws_security_group.http_sg.id}",
      to_port: 80,
      type: "ingress",
    },
  },
};

describe("LoadBalancer", () => {
  describe("defaults", () => {
    it("has the book's addresses", () => {
      expect(addresses(build().json)).toEqual([
        "aws_lb.example",
        "aws_lb_listener.http",
        "aws_lb_listener_rule.example",
        "aws_lb_target_group.example",
        "aws_security_group.http_sg",
        "aws_security_group_rule.http_sg_egress",
        "aws_security_group_rule.http_sg_ingress",
      ]);
    });

    it("synthesizes exactly what it did before the optional settings existed", () => {
      expect(terraformResources(build().json)).toEqual(BOOK_JSON);
    });

    it("creates an internet-facing ALB named example in the given subnets, deletion protection on", () => {
      expect(resource(build().json, "aws_lb", "example")).toMatchObject({
        name: "example",
        load_balancer_type: "application",
        internal: false,
        idle_timeout: 60,
        enable_deletion_protection: true,
        subnets: ["subnet-a", "subnet-c"],
        security_groups: ["${aws_security_group.http_sg.id}"],
      });
    });

    it("keeps invalid header fields and writes no access logs", () => {
      const lb = resource(build().json, "aws_lb", "example");
      expect(lb).not.toHaveProperty("drop_invalid_header_fields");
      expect(lb).not.toHaveProperty("access_logs");
      expect(lb).not.toHaveProperty("depends_on");
    });

    it("opens port 80 to the internet through the http_sg module", () => {
      const { json } = build();
      expect(resource(json, "aws_security_group", "http_sg")).toMatchObject({ name: "http-sg", vpc_id: "vpc-123" });
      expect(resource(json, "aws_security_group_rule", "http_sg_ingress")).toMatchObject({
        from_port: 80,
        to_port: 80,
        protocol: "tcp",
        cidr_blocks: ["0.0.0.0/0"],
      });
    });

    it("listens on HTTP 80 with a fixed response by default", () => {
      expect(resource(build().json, "aws_lb_listener", "http")).toMatchObject({
        load_balancer_arn: "${aws_lb.example.arn}",
        port: 80,
        protocol: "HTTP",
        default_action: [
          {
            type: "fixed-response",
            fixed_response: { content_type: "text/plain", message_body: "This is HTTP", status_code: "200" },
          },
        ],
      });
    });

    it("creates an ip target group with the book's health check, after the load balancer", () => {
      expect(resource(build().json, "aws_lb_target_group", "example")).toMatchObject({
        name: "example",
        target_type: "ip",
        vpc_id: "vpc-123",
        port: 80,
        protocol: "HTTP",
        deregistration_delay: "300",
        health_check: {
          path: "/",
          healthy_threshold: 5,
          unhealthy_threshold: 2,
          timeout: 5,
          interval: 30,
          matcher: "200",
          port: "traffic-port",
          protocol: "HTTP",
        },
        depends_on: ["aws_lb.example"],
      });
    });

    it("forwards /* to the target group at priority 100", () => {
      expect(resource(build().json, "aws_lb_listener_rule", "example")).toMatchObject({
        listener_arn: "${aws_lb_listener.http.arn}",
        priority: 100,
        action: [{ type: "forward", target_group_arn: "${aws_lb_target_group.example.arn}" }],
        condition: [{ path_pattern: { values: ["/*"] } }],
      });
    });

    it("exposes the DNS name, the zone, the listener, http_sg and the one target's group and rule", () => {
      const { stack, lb } = build();
      expect(resolved(stack, lb.dnsName)).toBe("${aws_lb.example.dns_name}");
      expect(resolved(stack, lb.zoneId)).toBe("${aws_lb.example.zone_id}");
      expect(resolved(stack, lb.listenerArn)).toBe("${aws_lb_listener.http.arn}");
      expect(resolved(stack, lb.loadBalancerArnSuffix)).toBe("${aws_lb.example.arn_suffix}");
      expect(resolved(stack, lb.securityGroupId)).toBe("${aws_security_group.http_sg.id}");
      expect(lb.targets).toHaveLength(1);
      const [target] = lb.targets;
      expect(target?.name).toBeUndefined();
      expect(resolved(stack, target?.targetGroupArn)).toBe("${aws_lb_target_group.example.arn}");
      expect(resolved(stack, target?.targetGroupArnSuffix)).toBe("${aws_lb_target_group.example.arn_suffix}");
      expect(target?.listenerRule.friendlyUniqueId).toBe("example");
    });

    it("accepts valid input", () => {
      expect(validationErrors(build().stack)).toEqual([]);
    });
  });

  describe("overrides", () => {
    it("turns deletion protection off", () => {
      expect(resource(build({ deletionProtection: false }).json, "aws_lb", "example")).toMatchObject({
        enable_deletion_protection: false,
      });
    });

    it("names the load balancer and target group", () => {
      const { json } = build({ name: "web" });
      expect(resource(json, "aws_lb", "example")).toMatchObject({ name: "web" });
      expect(resource(json, "aws_lb_target_group", "example")).toMatchObject({ name: "web" });
    });

    it("drops invalid header fields", () => {
      expect(resource(build({ dropInvalidHeaderFields: true }).json, "aws_lb", "example")).toMatchObject({
        drop_invalid_header_fields: true,
      });
    });

    it("takes the health check from settings, keeping the book's value for what is not set", () => {
      const { json } = build({
        targets: [{ port: 80, healthCheck: { path: "/healthz", matcher: "200-299", intervalSeconds: 15 } }],
      });
      expect(resource(json, "aws_lb_target_group", "example").health_check).toEqual({
        path: "/healthz",
        matcher: "200-299",
        interval: 15,
        timeout: 5,
        healthy_threshold: 5,
        unhealthy_threshold: 2,
        port: "traffic-port",
        protocol: "HTTP",
      });
    });

    it("writes access logs to the bucket, after what it is told to wait for", () => {
      const stack = testStack();
      const policy = new S3BucketPolicy(stack, "policy", { bucket: "alb-log-example", policy: "{}" });
      policy.overrideLogicalId("alb_log");
      new LoadBalancer(stack, "load_balancer", {
        name: "example",
        securityGroupName: "http-sg",
        vpcId: "vpc-123",
        subnetIds: ["subnet-a", "subnet-c"],
        accessLogs: { bucket: "alb-log-example", dependsOn: [policy] },
      });
      expect(resource(synthJson(stack), "aws_lb", "example")).toMatchObject({
        access_logs: { bucket: "alb-log-example", enabled: true },
        depends_on: ["aws_s3_bucket_policy.alb_log"],
      });
    });

    it("describes http_sg and limits its egress", () => {
      const { json } = build({
        httpSecurityGroup: {
          description: "HTTP to the load balancer",
          ingressDescription: "HTTP from anywhere",
          egress: { ports: [80], cidrBlocks: ["10.0.0.0/16"], description: "To the targets" },
        },
      });
      expect(resource(json, "aws_security_group", "http_sg").description).toBe("HTTP to the load balancer");
      expect(resource(json, "aws_security_group_rule", "http_sg_ingress").description).toBe("HTTP from anywhere");
      expect(resource(json, "aws_security_group_rule", "http_sg_egress")).toEqual(
        expect.objectContaining({ from_port: 80, to_port: 80, protocol: "tcp", cidr_blocks: ["10.0.0.0/16"] }),
      );
    });

    describe("https", () => {
      it("adds the HTTPS listener and the https_sg module", () => {
        expect(addresses(build({ https: HTTPS }).json)).toEqual([
          "aws_lb.example",
          "aws_lb_listener.http",
          "aws_lb_listener.https",
          "aws_lb_listener_rule.example",
          "aws_lb_target_group.example",
          "aws_security_group.http_sg",
          "aws_security_group.https_sg",
          "aws_security_group_rule.http_sg_egress",
          "aws_security_group_rule.http_sg_ingress",
          "aws_security_group_rule.https_sg_egress",
          "aws_security_group_rule.https_sg_ingress",
        ]);
      });

      it("listens on 443 with the certificate and a TLS 1.3 policy", () => {
        expect(resource(build({ https: HTTPS }).json, "aws_lb_listener", "https")).toMatchObject({
          load_balancer_arn: "${aws_lb.example.arn}",
          port: 443,
          protocol: "HTTPS",
          certificate_arn: HTTPS.certificateArn,
          ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
          default_action: [expect.objectContaining({ type: "fixed-response" })],
        });
      });

      it("takes another TLS 1.3 policy", () => {
        const sslPolicy = "ELBSecurityPolicy-TLS13-1-3-2021-06";
        expect(resource(build({ https: { ...HTTPS, sslPolicy } }).json, "aws_lb_listener", "https")).toMatchObject({
          ssl_policy: sslPolicy,
        });
      });

      it("redirects port 80 to HTTPS 443 with a 301", () => {
        expect(resource(build({ https: HTTPS }).json, "aws_lb_listener", "http").default_action).toEqual([
          { type: "redirect", redirect: { port: "443", protocol: "HTTPS", status_code: "HTTP_301" } },
        ]);
      });

      it("moves the listener rule to the HTTPS listener", () => {
        const { stack, lb, json } = build({ https: HTTPS });
        expect(resource(json, "aws_lb_listener_rule", "example").listener_arn).toBe("${aws_lb_listener.https.arn}");
        expect(resolved(stack, lb.listenerArn)).toBe("${aws_lb_listener.https.arn}");
      });

      it("opens 443 to the internet through https_sg, attached beside http_sg", () => {
        const { json } = build({
          https: { ...HTTPS, securityGroup: { description: "HTTPS to the load balancer" } },
        });
        expect(resource(json, "aws_security_group", "https_sg")).toMatchObject({
          name: "https-sg",
          vpc_id: "vpc-123",
          description: "HTTPS to the load balancer",
        });
        expect(resource(json, "aws_security_group_rule", "https_sg_ingress")).toMatchObject({
          type: "ingress",
          from_port: 443,
          to_port: 443,
          protocol: "tcp",
          cidr_blocks: ["0.0.0.0/0"],
        });
        expect(resource(json, "aws_lb", "example").security_groups).toEqual([
          "${aws_security_group.http_sg.id}",
          "${aws_security_group.https_sg.id}",
        ]);
      });

      it("accepts a certificate known only at apply time", () => {
        const certificateArn = Fn.element(Fn.tolist([HTTPS.certificateArn]), 0);
        expect(validationErrors(build({ https: { ...HTTPS, certificateArn } }).stack)).toEqual([]);
      });
    });

    describe("targets", () => {
      const ADMIN = { name: "admin", port: 8081, pathPatterns: ["/admin/*"], priority: 10 };

      it("keeps the note's addresses and values for the first target, and names the others after theirs", () => {
        const { json } = build({ targets: [{ port: 80 }, ADMIN] });
        expect(addresses(json)).toEqual(
          expect.arrayContaining([
            "aws_lb_listener_rule.admin",
            "aws_lb_listener_rule.example",
            "aws_lb_target_group.admin",
            "aws_lb_target_group.example",
          ]),
        );
        expect(terraformResources(json).aws_lb_target_group.example).toEqual(BOOK_JSON.aws_lb_target_group.example);
        expect(terraformResources(json).aws_lb_listener_rule.example).toEqual(BOOK_JSON.aws_lb_listener_rule.example);
      });

      it("gives a named target a target group <load balancer>-<name> on its port, after the load balancer", () => {
        expect(resource(build({ targets: [{ port: 80 }, ADMIN] }).json, "aws_lb_target_group", "admin")).toMatchObject({
          name: "example-admin",
          port: 8081,
          protocol: "HTTP",
          target_type: "ip",
          depends_on: ["aws_lb.example"],
        });
      });

      it("forwards a named target's paths at its priority, on the listener of the first", () => {
        expect(resource(build({ targets: [{ port: 80 }, ADMIN] }).json, "aws_lb_listener_rule", "admin")).toEqual(
          expect.objectContaining({
            listener_arn: "${aws_lb_listener.http.arn}",
            priority: 10,
            action: [{ type: "forward", target_group_arn: "${aws_lb_target_group.admin.arn}" }],
            condition: [{ path_pattern: { values: ["/admin/*"] } }],
          }),
        );
      });

      it("forwards host headers: alone any path of the hosts, with paths both must match", () => {
        const { json } = build({
          targets: [
            { port: 80 },
            { name: "admin", port: 8081, hostHeaders: ["admin.example.com"], priority: 10 },
            { name: "api", port: 8080, hostHeaders: ["api.example.com"], pathPatterns: ["/v1/*"], priority: 20 },
          ],
        });
        expect(resource(json, "aws_lb_listener_rule", "admin").condition).toEqual([
          { host_header: { values: ["admin.example.com"] } },
        ]);
        expect(resource(json, "aws_lb_listener_rule", "api").condition).toEqual([
          { path_pattern: { values: ["/v1/*"] } },
          { host_header: { values: ["api.example.com"] } },
        ]);
      });

      it("gives each target its own health check", () => {
        const { json } = build({ targets: [{ port: 80 }, { ...ADMIN, healthCheck: { path: "/admin/" } }] });
        expect(resource(json, "aws_lb_target_group", "example").health_check.path).toBe("/");
        expect(resource(json, "aws_lb_target_group", "admin").health_check.path).toBe("/admin/");
      });

      it("names a first target after its name too, when given one: no target keeps the note's addresses", () => {
        const { json } = build({ targets: [{ name: "web", port: 80 }] });
        expect(addresses(json)).toEqual(
          expect.arrayContaining(["aws_lb_target_group.web", "aws_lb_listener_rule.web"]),
        );
        expect(addresses(json)).not.toContain("aws_lb_target_group.example");
        expect(resource(json, "aws_lb_target_group", "web").name).toBe("example-web");
      });

      it("exposes each target's group and rule, in order", () => {
        const { stack, lb } = build({ targets: [{ port: 80 }, ADMIN] });
        expect(lb.targets.map((t) => t.name)).toEqual([undefined, "admin"]);
        expect(resolved(stack, lb.targets[1]?.targetGroupArnSuffix)).toBe("${aws_lb_target_group.admin.arn_suffix}");
        expect(lb.targets[1]?.listenerRule.friendlyUniqueId).toBe("admin");
      });

      it("names a second load balancer's targets after it", () => {
        const stack = testStack();
        const props = { name: "example", securityGroupName: "http-sg", vpcId: "vpc-123", subnetIds: ["subnet-a"] };
        new LoadBalancer(stack, "load_balancer", props);
        new LoadBalancer(stack, "internal", {
          ...props,
          securityGroupName: "internal-sg",
          targets: [{ port: 80 }, ADMIN],
        });
        expect(addresses(synthJson(stack))).toEqual(
          expect.arrayContaining(["aws_lb_target_group.internal", "aws_lb_target_group.internal_admin"]),
        );
      });

      it("accepts an egress that lets out every target's port", () => {
        const egress = { ports: [80, 8081], cidrBlocks: ["10.0.0.0/16"] };
        const { stack } = build({
          targets: [{ port: 80 }, ADMIN],
          httpSecurityGroup: { egress },
          https: { ...HTTPS, securityGroup: { egress } },
        });
        expect(validationErrors(stack)).toEqual([]);
      });
    });

    it("takes its own addresses as a second load balancer", () => {
      const stack = testStack();
      const props = { name: "example", securityGroupName: "http-sg", vpcId: "vpc-123", subnetIds: ["subnet-a"] };
      new LoadBalancer(stack, "load_balancer", props);
      new LoadBalancer(stack, "admin", { ...props, name: "admin", securityGroupName: "admin-http-sg", https: HTTPS });
      expect(addresses(synthJson(stack))).toEqual(
        expect.arrayContaining(["aws_lb.admin", "aws_lb_listener.admin_https", "aws_security_group.admin_https_sg"]),
      );
    });
  });

  describe("validation", () => {
    it.each<[string, Partial<LoadBalancerProps>, string]>([
      [
        "a name over 32 characters",
        { name: "a".repeat(33) },
        `test/load_balancer: \`name\` must be 1 to 32 characters of letters, digits and hyphens, not starting or ending with a hyphen, got: "${"a".repeat(33)}"`,
      ],
      [
        "a name ending with a hyphen",
        { name: "web-" },
        'test/load_balancer: `name` must be 1 to 32 characters of letters, digits and hyphens, not starting or ending with a hyphen, got: "web-"',
      ],
      [
        "a name starting with internal-",
        { name: "internal-web" },
        'test/load_balancer: `name` must be 1 to 32 characters of letters, digits and hyphens, not starting or ending with a hyphen, got: "internal-web"',
      ],
      [
        "a target port of 0",
        { targets: [{ port: 0 }] },
        "test/load_balancer: `targets[0].port` must be a whole number from 1 to 65535, got: 0",
      ],
      [
        "an idle timeout of 0",
        { idleTimeoutSeconds: 0 },
        "test/load_balancer: `idleTimeoutSeconds` must be a whole number from 1 to 4000, got: 0",
      ],
      [
        "a health check path without a slash",
        { targets: [{ port: 80, healthCheck: { path: "health" } }] },
        'test/load_balancer: `targets[0].healthCheck.path` must start with / and be at most 1024 characters without spaces, got: "health"',
      ],
      [
        "a health check matcher outside 200-499",
        { targets: [{ port: 80, healthCheck: { matcher: "500" } }] },
        'test/load_balancer: `targets[0].healthCheck.matcher` must be HTTP codes from 200 to 499: a code, a list or a range such as "200", "200,302" or "200-299", got: "500"',
      ],
      [
        "a health check matcher range upside down",
        { targets: [{ port: 80, healthCheck: { matcher: "299-200" } }] },
        'test/load_balancer: `targets[0].healthCheck.matcher` must be HTTP codes from 200 to 499: a code, a list or a range such as "200", "200,302" or "200-299", got: "299-200"',
      ],
      [
        "a health check matcher with a space",
        { targets: [{ port: 80, healthCheck: { matcher: "200, 302" } }] },
        'test/load_balancer: `targets[0].healthCheck.matcher` must be HTTP codes from 200 to 499: a code, a list or a range such as "200", "200,302" or "200-299", got: "200, 302"',
      ],
      [
        "a health check interval of 4 seconds",
        { targets: [{ port: 80, healthCheck: { intervalSeconds: 4 } }] },
        "test/load_balancer: `targets[0].healthCheck.intervalSeconds` must be a whole number from 5 to 300, got: 4",
      ],
      [
        "a health check interval of 301 seconds",
        { targets: [{ port: 80, healthCheck: { intervalSeconds: 301 } }] },
        "test/load_balancer: `targets[0].healthCheck.intervalSeconds` must be a whole number from 5 to 300, got: 301",
      ],
      [
        "a health check timeout of 1 second",
        { targets: [{ port: 80, healthCheck: { timeoutSeconds: 1 } }] },
        "test/load_balancer: `targets[0].healthCheck.timeoutSeconds` must be a whole number from 2 to 120, got: 1",
      ],
      [
        "a health check timeout of 121 seconds",
        { targets: [{ port: 80, healthCheck: { timeoutSeconds: 121, intervalSeconds: 300 } }] },
        "test/load_balancer: `targets[0].healthCheck.timeoutSeconds` must be a whole number from 2 to 120, got: 121",
      ],
      [
        "a health check timeout as long as the interval",
        { targets: [{ port: 80, healthCheck: { timeoutSeconds: 30 } }] },
        "test/load_balancer: `targets[0].healthCheck.timeoutSeconds` must be less than `healthCheck.intervalSeconds` (30), got: 30",
      ],
      [
        "a healthy threshold of 1",
        { targets: [{ port: 80, healthCheck: { healthyThreshold: 1 } }] },
        "test/load_balancer: `targets[0].healthCheck.healthyThreshold` must be a whole number from 2 to 10, got: 1",
      ],
      [
        "an unhealthy threshold of 11",
        { targets: [{ port: 80, healthCheck: { unhealthyThreshold: 11 } }] },
        "test/load_balancer: `targets[0].healthCheck.unhealthyThreshold` must be a whole number from 2 to 10, got: 11",
      ],
      [
        "a fractional healthy threshold",
        { targets: [{ port: 80, healthCheck: { healthyThreshold: 2.5 } }] },
        "test/load_balancer: `targets[0].healthCheck.healthyThreshold` must be a whole number from 2 to 10, got: 2.5",
      ],
      [
        "a TLS 1.2 policy",
        { https: { ...HTTPS, sslPolicy: "ELBSecurityPolicy-2016-08" } },
        'test/load_balancer: `https.sslPolicy` must be a TLS 1.3 policy with TLS 1.2 at oldest (ELBSecurityPolicy-TLS13-1-2-... or ...-TLS13-1-3-...), such as ELBSecurityPolicy-TLS13-1-2-2021-06, got: "ELBSecurityPolicy-2016-08"',
      ],
      [
        "a TLS 1.3 policy that still accepts TLS 1.0",
        { https: { ...HTTPS, sslPolicy: "ELBSecurityPolicy-TLS13-1-0-2021-06" } },
        'test/load_balancer: `https.sslPolicy` must be a TLS 1.3 policy with TLS 1.2 at oldest (ELBSecurityPolicy-TLS13-1-2-... or ...-TLS13-1-3-...), such as ELBSecurityPolicy-TLS13-1-2-2021-06, got: "ELBSecurityPolicy-TLS13-1-0-2021-06"',
      ],
      [
        "an access log bucket name S3 rejects",
        { accessLogs: { bucket: "ALB_Logs" } },
        "test/load_balancer: `accessLogs.bucket` must be 3 to 63 characters of lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit, not an IP address, without '..' or a reserved prefix or suffix, got: \"ALB_Logs\"",
      ],
      [
        "an https_sg name starting with sg-",
        { https: { ...HTTPS, securityGroupName: "sg-https" } },
        'test/load_balancer/https_sg: `name` must be 1 to 255 characters of ASCII letters, digits and ._-:/()#,@[]+=&;{}!$* not starting with sg-, got: "sg-https"',
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(build(overrides).stack)).toEqual([message]);
    });

    it.each<[string, LoadBalancerProps["targets"], string]>([
      [
        "no target",
        [],
        "test/load_balancer: `targets` must hold at least one target: the listener rule forwards to it, got: []",
      ],
      [
        "a second target without a name",
        [{ port: 80 }, { port: 8081, pathPatterns: ["/admin/*"], priority: 10 }],
        "test/load_balancer: `targets[1].name` must be given: only the first target keeps the note's addresses (example), the others are named after theirs, got: undefined",
      ],
      [
        "a target name with capitals",
        [{ port: 80 }, { name: "Admin", port: 8081, pathPatterns: ["/admin/*"], priority: 10 }],
        'test/load_balancer: `targets[1].name` must be lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen, got: "Admin"',
      ],
      [
        "a target name too long for its target group's",
        [{ port: 80 }, { name: "a".repeat(25), port: 8081, pathPatterns: ["/admin/*"], priority: 10 }],
        `test/load_balancer: \`targets[1].name\` must be at most 24 characters: its target group is named "example-<name>", at most 32, got: "${"a".repeat(25)}"`,
      ],
      [
        "two targets of one name",
        [
          { port: 80 },
          { name: "admin", port: 8081, pathPatterns: ["/admin/*"], priority: 10 },
          { name: "admin", port: 8082, pathPatterns: ["/ops/*"], priority: 20 },
        ],
        'test/load_balancer: `targets[2].name` must be unique: `targets[1]` has it too, got: "admin"',
      ],
      [
        "two targets of one priority",
        [{ port: 80 }, { name: "admin", port: 8081, pathPatterns: ["/admin/*"] }],
        "test/load_balancer: `targets[1].priority` must be unique on the listener: `targets[0]` has it too, got: 100",
      ],
      [
        "a priority out of range",
        [{ port: 80, priority: 50001 }],
        "test/load_balancer: `targets[0].priority` must be a whole number from 1 to 50000, got: 50001",
      ],
      [
        "two targets of one path on any host",
        [
          { port: 80, pathPatterns: ["/app/*"] },
          { name: "admin", port: 8081, pathPatterns: ["/admin/*", "/app/*"], priority: 10 },
        ],
        'test/load_balancer: `targets[1].pathPatterns` must not forward what `targets[0]` forwards too (/app/* on any host): only the rule with the lower priority would ever match it, got: ["/admin/*","/app/*"]',
      ],
      [
        "two targets of one host, any path",
        [
          { port: 80, hostHeaders: ["app.example.com"] },
          { name: "admin", port: 8081, hostHeaders: ["app.example.com"], priority: 10 },
        ],
        'test/load_balancer: `targets[1].hostHeaders` must not forward what `targets[0]` forwards too (* on app.example.com): only the rule with the lower priority would ever match it, got: ["app.example.com"]',
      ],
      [
        "a rule behind a rule of every path",
        [{ port: 80 }, { name: "admin", port: 8081, pathPatterns: ["/admin/*"], priority: 110 }],
        "test/load_balancer: `targets[1].priority` must be below `targets[0].priority` (100): that rule forwards every path on any host, so this one would never match, got: 110",
      ],
      [
        "an empty list of paths",
        [{ port: 80, pathPatterns: [] }],
        "test/load_balancer: `targets[0].pathPatterns` must not be empty: leave it out instead, got: []",
      ],
      [
        "a path with a space",
        [{ port: 80, pathPatterns: ["/my app/*"] }],
        `test/load_balancer: \`targets[0].pathPatterns[0]\` must be 1 to 128 characters of letters, digits and _-.$/~"'@:+&*? (a path such as /admin/*), got: "/my app/*"`,
      ],
      [
        "a host without a dot",
        [{ port: 80, hostHeaders: ["localhost"] }],
        'test/load_balancer: `targets[0].hostHeaders[0]` must be a host name of 1 to 128 letters, digits and -.*? ending with a dot and letters, such as admin.example.com, got: "localhost"',
      ],
    ])("rejects %s", (_, targets, message) => {
      expect(validationErrors(build({ targets }).stack)).toEqual([message]);
    });

    it.each<[string, Partial<LoadBalancerProps>, string]>([
      [
        "http_sg's egress without a target's port",
        { httpSecurityGroup: { egress: { ports: [80], cidrBlocks: ["10.0.0.0/16"] } } },
        "test/load_balancer: `httpSecurityGroup.egress.ports` must let out every target's port, or the load balancer cannot reach it: 8081 (`targets[1]`) is missing, got: [80]",
      ],
      [
        "https_sg's egress without a target's port",
        { https: { ...HTTPS, securityGroup: { egress: { ports: [443], cidrBlocks: ["10.0.0.0/16"] } } } },
        "test/load_balancer: `https.securityGroup.egress.ports` must let out every target's port, or the load balancer cannot reach it: 80 (`targets[0]`), 8081 (`targets[1]`) are missing, got: [443]",
      ],
    ])("rejects %s", (_, overrides, message) => {
      const targets = [{ port: 80 }, { name: "admin", port: 8081, pathPatterns: ["/admin/*"], priority: 10 }];
      expect(validationErrors(build({ targets, ...overrides }).stack)).toEqual([message]);
    });

    it("accepts two targets on one path with different hosts, and a host header with wildcards", () => {
      const targets = [
        { port: 80, hostHeaders: ["app.example.com"] },
        { name: "admin", port: 8081, hostHeaders: ["*.admin.example.com"], priority: 10 },
      ];
      expect(validationErrors(build({ targets }).stack)).toEqual([]);
    });

    it.each(["200", "200,302", "200-299", "200-299,302", "499"])("accepts the matcher %s", (matcher) => {
      expect(validationErrors(build({ targets: [{ port: 80, healthCheck: { matcher } }] }).stack)).toEqual([]);
    });

    it("accepts the AWS limits of the health check", () => {
      const healthCheck = { intervalSeconds: 300, timeoutSeconds: 120, healthyThreshold: 10, unhealthyThreshold: 2 };
      expect(validationErrors(build({ targets: [{ port: 80, healthCheck }] }).stack)).toEqual([]);
      expect(
        validationErrors(
          build({ targets: [{ port: 80, healthCheck: { intervalSeconds: 5, timeoutSeconds: 2 } }] }).stack,
        ),
      ).toEqual([]);
    });

    it.each([
      "ELBSecurityPolicy-TLS13-1-2-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
      "ELBSecurityPolicy-TLS13-1-3-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    ])("accepts the TLS policy %s", (sslPolicy) => {
      expect(validationErrors(build({ https: { ...HTTPS, sslPolicy } }).stack)).toEqual([]);
    });

    it("accepts a 32-character name", () => {
      expect(validationErrors(build({ name: "a".repeat(32) }).stack)).toEqual([]);
    });
  });
});
