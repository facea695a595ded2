// The checkov findings each stack keeps on purpose, each with its reason: a baseline with
// reasons, next to the code, reviewed like code. checkov 3.3.30 reads no inline skip comment in
// Terraform JSON (its terraform_json runner collects none), so the reasons live here; the policy
// scan test fails on any finding not listed (unexplained) and on any listed one that no longer
// occurs (stale). The dev stack is the note: its findings are the note's choices. The prod
// stack turns every production setting on; what remains is either what the finding asks being
// wrong for this architecture, or checkov not seeing what is there.
import { sortFindings } from "./scan";

export interface AcceptedFinding {
  /** The checkov check: `CKV_AWS_91`. */
  readonly check: string;
  /** The element's Terraform address: `aws_lb.example`. */
  readonly address: string;
  /** Why the stack keeps it. */
  readonly reason: string;
}

const NOTE = "the note";

/** What the note's stack (ecs-fargate-dev) keeps, and why: the book's teaching stack, value for value. */
const DEV: AcceptedFinding[] = [
  ...["CKV_AWS_108", "CKV_AWS_111", "CKV_AWS_356"].map((check) => ({
    check,
    address: "data.aws_iam_policy_document.ecs_task_execution",
    reason: `${NOTE}'s extra statement allows ssm:GetParameters and kms:Decrypt on * (prod scopes it to its secrets' ARNs)`,
  })),
  {
    check: "CKV_AWS_158",
    address: "aws_cloudwatch_log_group.for_ecs",
    reason: `${NOTE}'s log group uses CloudWatch's own encryption (prod: a customer-managed KMS key)`,
  },
  {
    check: "CKV_AWS_338",
    address: "aws_cloudwatch_log_group.for_ecs",
    reason: `${NOTE} keeps logs 180 days (prod: 365)`,
  },
  {
    check: "CKV_AWS_65",
    address: "aws_ecs_cluster.example",
    reason: `${NOTE}'s cluster has no Container Insights (prod: on)`,
  },
  {
    check: "CKV_AWS_332",
    address: "aws_ecs_service.example",
    reason:
      "the platform version is pinned (1.4.0, the newest Linux version) for the note's reason: LATEST is not always the newest",
  },
  ...["CKV_AWS_2", "CKV_AWS_103"].map((check) => ({
    check,
    address: "aws_lb_listener.http",
    reason: `${NOTE}'s load balancer listens on HTTP only: HTTPS needs a domain and a certificate (prod: HTTPS, 80 redirects)`,
  })),
  {
    check: "CKV_AWS_378",
    address: "aws_lb_target_group.example",
    reason: "TLS ends at the load balancer; the containers take HTTP inside the VPC, from the load balancer only",
  },
  {
    check: "CKV2_AWS_20",
    address: "aws_lb.example",
    reason: `${NOTE} serves HTTP on 80 (prod: 80 answers with a redirect to HTTPS)`,
  },
  {
    check: "CKV_AWS_91",
    address: "aws_lb.example",
    reason: `${NOTE} has no access logs (prod: an access-log bucket)`,
  },
  {
    check: "CKV_AWS_131",
    address: "aws_lb.example",
    reason: `${NOTE}'s load balancer keeps AWS's default for invalid headers (prod: dropped)`,
  },
  {
    check: "CKV2_AWS_28",
    address: "aws_lb.example",
    reason: `${NOTE} has no WAF (prod: a web ACL with AWS managed rule groups)`,
  },
  ...[
    "aws_security_group.http_sg",
    "aws_security_group.nginx_sg",
    "aws_security_group_rule.http_sg_ingress",
    "aws_security_group_rule.http_sg_egress",
    "aws_security_group_rule.nginx_sg_ingress",
    "aws_security_group_rule.nginx_sg_egress",
  ].map((address) => ({
    check: "CKV_AWS_23",
    address,
    reason:
      "the book's security_group module sets no descriptions; adding one to a group replaces it (prod: described from the start)",
  })),
  ...["aws_security_group_rule.http_sg_egress", "aws_security_group_rule.nginx_sg_egress"].map((address) => ({
    check: "CKV_AWS_382",
    address,
    reason:
      "the book's security_group module lets everything out (prod: the containers 443 only, the load balancer the VPC on its targets' ports)",
  })),
  {
    check: "CKV_AWS_260",
    address: "aws_security_group_rule.http_sg_ingress",
    reason: "port 80 open to the internet is the public web entry point of the note's HTTP load balancer",
  },
  ...["aws_subnet.public_0", "aws_subnet.public_1"].map((address) => ({
    check: "CKV_AWS_130",
    address,
    reason: "the book's public subnets map public IPs (prod: they do not; the NAT gateways have their EIPs)",
  })),
  {
    check: "CKV2_AWS_11",
    address: "aws_vpc.example",
    reason: `${NOTE}'s VPC has no flow logs (prod: to CloudWatch Logs, KMS-encrypted)`,
  },
  {
    check: "CKV2_AWS_12",
    address: "aws_vpc.example",
    reason: `${NOTE} leaves the VPC's default security group as AWS makes it (prod: no rules)`,
  },
];

/** What the production stack (ecs-fargate-prod) keeps, and why. */
const PROD: AcceptedFinding[] = [
  ...["CKV_AWS_109", "CKV_AWS_111", "CKV_AWS_356"].map((check) => ({
    check,
    address: "data.aws_iam_policy_document.kms",
    reason:
      "a KMS key policy: its Resource * means this key and nothing else, and the account root's kms:* is AWS's default key policy, which lets IAM policies govern the key",
  })),
  ...["aws_ecs_service.example", "aws_ecs_service.worker"].map((address) => ({
    check: "CKV_AWS_332",
    address,
    reason:
      "the platform version is pinned (1.4.0, the newest Linux version) for the note's reason: LATEST is not always the newest",
  })),
  ...["aws_lb_target_group.example", "aws_lb_target_group.admin"].map((address) => ({
    check: "CKV_AWS_378",
    address,
    reason:
      "TLS ends at the load balancer; the containers take HTTP inside the VPC, from the load balancer's groups only",
  })),
  {
    check: "CKV_AWS_260",
    address: "aws_security_group_rule.http_sg_ingress",
    reason: "port 80 answers every request with a 301 redirect to HTTPS: it must stay reachable from the internet",
  },
  {
    check: "CKV2_AWS_76",
    address: "aws_lb.example",
    reason:
      "the web ACL has KnownBadInputs, which holds the Log4j rules; this checkov check also demands AnonymousIpList, which blocks every VPN and Tor user: a product decision, not Log4j protection",
  },
  {
    check: "CKV_AWS_145",
    address: "aws_s3_bucket.alb_log",
    reason: "ALB access logs can only be delivered to a bucket encrypted with SSE-S3, not KMS (AWS's ELB guide)",
  },
  {
    check: "CKV_AWS_18",
    address: "aws_s3_bucket.alb_log",
    reason: "the access-log bucket is itself the log; logging its reads would need yet another bucket (and so on)",
  },
  {
    check: "CKV_AWS_144",
    address: "aws_s3_bucket.alb_log",
    reason:
      "access logs kept 180 days in one region are enough for incident response here; replication doubles the cost",
  },
  {
    check: "CKV2_AWS_62",
    address: "aws_s3_bucket.alb_log",
    reason: "nothing consumes the access logs as they arrive: no event notification target to send to",
  },
];

/** Per stack name, the findings it keeps on purpose, in the order the scan lists findings. */
export const ACCEPTED_FINDINGS: Readonly<Record<string, readonly AcceptedFinding[]>> = {
  "ecs-fargate-dev": sortFindings(DEV),
  "ecs-fargate-prod": sortFindings(PROD),
};
