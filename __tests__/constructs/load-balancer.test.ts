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

    it("exposes the DNS name and the target group ARN", () => {
      const { stack, lb } = build();
      expect(resolved(stack, lb.dnsName)).toBe("${aws_lb.example.dns_name}");
      expect(resolved(stack, lb.targetGroupArn)).toBe("${aws_lb_target_group.example.arn}");
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
        { targetPort: 0 },
        "test/load_balancer: `targetPort` must be a whole number from 1 to 65535, got: 0",
      ],
      [
        "an idle timeout of 0",
        { idleTimeoutSeconds: 0 },
        "test/load_balancer: `idleTimeoutSeconds` must be a whole number from 1 to 4000, got: 0",
      ],
      [
        "a health check path without a slash",
        { healthCheckPath: "health" },
        'test/load_balancer: `healthCheckPath` must start with / and be at most 1024 characters without spaces, got: "health"',
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(build(overrides).stack)).toEqual([message]);
    });

    it("accepts a 32-character name", () => {
      expect(validationErrors(build({ name: "a".repeat(32) }).stack)).toEqual([]);
    });
  });
});
