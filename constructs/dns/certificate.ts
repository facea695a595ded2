// The book's HTTPS chapter, certificate side: the domain's public hosted zone, looked up
// by name, and an ACM certificate that DNS validation issues and renews without anyone
// touching it.
// https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { TerraformIterator, Token } from "cdktf";
import { Construct } from "constructs";
import { resolveTerraformNames, terraformNamer, TerraformNames } from "../shared/addresses";
import { domainName } from "../shared/rules";
import { isUnresolved, Problems } from "../shared/validation";

export interface DnsCertificateProps {
  /** The public Route 53 hosted zone the domain belongs to, by name (the book's `example.com`). */
  readonly zoneName: string;
  /** The name the certificate is for: the zone's apex (the book's) or a name under it, e.g. `app.example.com`. */
  readonly domainName: string;
  /**
   * More names on the same certificate, each in the zone, e.g. `["www.example.com"]`.
   * @default none (the book's `[]`)
   */
  readonly subjectAlternativeNames?: string[];
  /**
   * The Terraform names of the zone lookup, the certificate and its validation.
   * @default "note" for the stack's first certificate (`aws_acm_certificate.example`, ...), "own" for later ones (`aws_acm_certificate.<id>`, ...)
   */
  readonly terraformNames?: TerraformNames;
}

/**
 * Addresses follow the book: `data.aws_route53_zone.example`, `aws_acm_certificate.example`,
 * `aws_route53_record.example_certificate` (one instance per name ACM validates, keyed by the
 * name) and `aws_acm_certificate_validation.example`.
 */
export class DnsCertificate extends Construct {
  /**
   * The certificate's ARN read from the validation, so that whatever uses it (the HTTPS
   * listener) waits until ACM has issued the certificate: a listener rejects one still pending.
   */
  public readonly certificateArn: string;
  /** The hosted zone's id, for the domain's records. */
  public readonly zoneId: string;
  /** The name the certificate is for. */
  public readonly domainName: string;

  public constructor(scope: Construct, id: string, props: DnsCertificateProps) {
    super(scope, id);
    const zoneName = props.zoneName.replace(/\.$/, "");
    const sans = props.subjectAlternativeNames ?? [];

    const problems = new Problems(this);
    const named = terraformNamer(resolveTerraformNames(this, "DnsCertificate", props.terraformNames, problems), id);
    problems.check("zoneName", zoneName, domainName);
    // A zone that is not a DNS name is reported once, above, not again for every name.
    const knownZone = !isUnresolved(zoneName) && domainName(zoneName) === undefined;
    const inZone = (name: string) =>
      !knownZone || name === zoneName || name.endsWith(`.${zoneName}`)
        ? undefined
        : `must be the zone ${zoneName} or a name under it`;
    problems.check("domainName", props.domainName, domainName, inZone);
    sans.forEach((san, i) => problems.check(`subjectAlternativeNames[${i}]`, san, domainName, inZone));

    // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zones-working-with.html
    const zone = new DataAwsRoute53Zone(this, "zone", { name: zoneName, privateZone: false });
    zone.overrideLogicalId(named("example"));

    const certificate = new AcmCertificate(this, "certificate", {
      domainName: props.domainName,
      subjectAlternativeNames: props.subjectAlternativeNames,
      validationMethod: "DNS",
      // A new certificate (another name) must be issued and attached before the old one goes:
      // a listener cannot be left without a certificate.
      lifecycle: { createBeforeDestroy: true },
    });
    certificate.overrideLogicalId(named("example"));

    // One record per name ACM asks to see, keyed by the name, which the provider knows at plan
    // time (the record values are known only after apply). domain_validation_options is a set:
    // the book's `[0]` no longer works (AWS provider 3+). The iterator reads the attribute
    // itself, not `certificate.domainValidationOptions`: that renders `tolist(<set>)`, and a set
    // with unknown values becomes a wholly unknown list, so with two or more names (SANs) the plan
    // fails with "Invalid for_each argument" (hashicorp/terraform-cdk#3713). A wildcard and its
    // apex share one record: allow_overwrite lets the second write it again instead of failing.
    const validationOptions = TerraformIterator.fromComplexList(
      certificate.interpolationForAttribute("domain_validation_options"),
      "domain_name",
    );
    const records = new Route53Record(this, "validation_record", {
      forEach: validationOptions,
      zoneId: zone.zoneId,
      name: validationOptions.getString("resource_record_name"),
      type: validationOptions.getString("resource_record_type"),
      records: [validationOptions.getString("resource_record_value")],
      ttl: 60,
      allowOverwrite: true,
    });
    records.overrideLogicalId(named("example_certificate"));

    // Waits (up to 75 minutes by default) until ACM has seen the records and issued the certificate.
    const validation = new AcmCertificateValidation(this, "validation", {
      certificateArn: certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty("fqdn")),
    });
    validation.overrideLogicalId(named("example"));

    this.certificateArn = validation.certificateArn;
    this.zoneId = zone.zoneId;
    this.domainName = props.domainName;
  }
}
