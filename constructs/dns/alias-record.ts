// The book's HTTPS chapter, name side: the domain points at the load balancer through a
// Route 53 alias, which follows the load balancer's changing addresses and costs no queries.
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-to-elb-load-balancer.html
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Construct } from "constructs";
import { resolveTerraformNames, terraformName, TerraformNames } from "../shared/addresses";
import { domainName } from "../shared/rules";
import { Problems } from "../shared/validation";

export interface AliasRecordProps {
  /** The hosted zone of the record (`DnsCertificate.zoneId`). */
  readonly zoneId: string;
  /** The record's name, e.g. the certificate's domain name. */
  readonly name: string;
  /** The load balancer's DNS name (`LoadBalancer.dnsName`). */
  readonly targetDnsName: string;
  /** The load balancer's hosted zone (`LoadBalancer.zoneId`). */
  readonly targetZoneId: string;
  /**
   * Whether Route 53 answers with the load balancer only while it has healthy targets
   * (the book's `true`); with one record, this only matters for Route 53 health reporting.
   * @default true (the book's)
   */
  readonly evaluateTargetHealth?: boolean;
  /**
   * The Terraform name of the record.
   * @default "note" for the stack's first alias (`aws_route53_record.example`), "own" for later ones (`aws_route53_record.<id>`)
   */
  readonly terraformNames?: TerraformNames;
}

/**
 * The book's `aws_route53_record.example`: an alias A record. No AAAA record: the load
 * balancer is IPv4 only (a dual-stack one needs IPv6 CIDRs on the VPC and its subnets).
 */
export class AliasRecord extends Construct {
  /** The record's name, as Route 53 knows it. */
  public readonly fqdn: string;

  public constructor(scope: Construct, id: string, props: AliasRecordProps) {
    super(scope, id);
    const problems = new Problems(this);
    const names = resolveTerraformNames(this, "AliasRecord", props.terraformNames, problems);
    problems.check("name", props.name, domainName);

    const record = new Route53Record(this, "record", {
      zoneId: props.zoneId,
      name: props.name,
      type: "A",
      alias: {
        name: props.targetDnsName,
        zoneId: props.targetZoneId,
        evaluateTargetHealth: props.evaluateTargetHealth ?? true,
      },
    });
    record.overrideLogicalId(terraformName(names, "example", id));
    this.fqdn = record.fqdn;
  }
}
