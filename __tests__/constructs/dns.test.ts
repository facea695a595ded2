import { Fn } from "cdktf";
import { AliasRecord, AliasRecordProps, DnsCertificate, DnsCertificateProps } from "../../constructs/dns";
import { LoadBalancer } from "../../constructs/load-balancer";
import { addresses, dataSource, resolved, resource, synthJson, testStack, validationErrors } from "../helpers/synth";

function buildCertificate(overrides: Partial<DnsCertificateProps> = {}) {
  const stack = testStack();
  const certificate = new DnsCertificate(stack, "certificate", {
    zoneName: "example.com",
    domainName: "example.com",
    ...overrides,
  });
  return { stack, certificate, json: synthJson(stack) };
}

function buildAlias(overrides: Partial<AliasRecordProps> = {}) {
  const stack = testStack();
  const alias = new AliasRecord(stack, "alias", {
    zoneId: "Z0123456789",
    name: "example.com",
    targetDnsName: "example-1.ap-northeast-1.elb.amazonaws.com",
    targetZoneId: "Z14GRHDCWA56QT",
    ...overrides,
  });
  return { stack, alias, json: synthJson(stack) };
}

describe("DnsCertificate", () => {
  describe("defaults", () => {
    it("has the book's addresses", () => {
      expect(addresses(buildCertificate().json)).toEqual([
        "aws_acm_certificate.example",
        "aws_acm_certificate_validation.example",
        "aws_route53_record.example_certificate",
        "data.aws_route53_zone.example",
      ]);
    });

    it("looks the public hosted zone up by name", () => {
      expect(dataSource(buildCertificate().json, "aws_route53_zone", "example")).toMatchObject({
        name: "example.com",
        private_zone: false,
      });
    });

    it("asks ACM for a DNS-validated certificate, created before the old one is destroyed", () => {
      const certificate = resource(buildCertificate().json, "aws_acm_certificate", "example");
      expect(certificate).toMatchObject({
        domain_name: "example.com",
        validation_method: "DNS",
        lifecycle: { create_before_destroy: true },
      });
      expect(certificate).not.toHaveProperty("subject_alternative_names");
    });

    it("writes one validation record per name, keyed by the name and iterating over the set itself", () => {
      expect(resource(buildCertificate().json, "aws_route53_record", "example_certificate")).toEqual(
        expect.objectContaining({
          // Not tolist(...): a set with unknown values becomes a wholly unknown list, and the plan fails.
          for_each:
            "${{ for key, val in aws_acm_certificate.example.domain_validation_options: val.domain_name => val }}",
          zone_id: "${data.aws_route53_zone.example.zone_id}",
          name: "${each.value.resource_record_name}",
          type: "${each.value.resource_record_type}",
          records: ["${each.value.resource_record_value}"],
          ttl: 60,
          allow_overwrite: true,
        }),
      );
    });

    it("waits for ACM to see every validation record", () => {
      expect(resource(buildCertificate().json, "aws_acm_certificate_validation", "example")).toMatchObject({
        certificate_arn: "${aws_acm_certificate.example.arn}",
        validation_record_fqdns: "${[ for key, val in aws_route53_record.example_certificate: val.fqdn]}",
      });
    });

    it("exposes the certificate through its validation, the zone and the domain", () => {
      const { stack, certificate } = buildCertificate();
      expect(resolved(stack, certificate.certificateArn)).toBe(
        "${aws_acm_certificate_validation.example.certificate_arn}",
      );
      expect(resolved(stack, certificate.zoneId)).toBe("${data.aws_route53_zone.example.zone_id}");
      expect(certificate.domainName).toBe("example.com");
    });

    it("accepts valid input", () => {
      expect(validationErrors(buildCertificate().stack)).toEqual([]);
    });
  });

  describe("overrides", () => {
    it("certifies a name under the zone and more names beside it", () => {
      const { json, stack } = buildCertificate({
        domainName: "app.example.com",
        subjectAlternativeNames: ["*.app.example.com", "www.example.com"],
      });
      expect(validationErrors(stack)).toEqual([]);
      expect(resource(json, "aws_acm_certificate", "example")).toMatchObject({
        domain_name: "app.example.com",
        subject_alternative_names: ["*.app.example.com", "www.example.com"],
      });
    });

    it("takes a zone name with its trailing dot", () => {
      const { json, stack } = buildCertificate({ zoneName: "example.com.", domainName: "app.example.com" });
      expect(validationErrors(stack)).toEqual([]);
      expect(dataSource(json, "aws_route53_zone", "example").name).toBe("example.com");
    });

    it("takes its own addresses as a second certificate", () => {
      const stack = testStack();
      new DnsCertificate(stack, "certificate", { zoneName: "example.com", domainName: "example.com" });
      new DnsCertificate(stack, "admin", { zoneName: "example.org", domainName: "admin.example.org" });
      expect(addresses(synthJson(stack))).toEqual(
        expect.arrayContaining([
          "aws_acm_certificate.admin",
          "aws_acm_certificate_validation.admin",
          "aws_route53_record.admin_example_certificate",
          "data.aws_route53_zone.admin",
        ]),
      );
    });
  });

  describe("validation", () => {
    it.each<[string, Partial<DnsCertificateProps>, string]>([
      [
        "a domain outside the hosted zone",
        { domainName: "example.org" },
        'test/certificate: `domainName` must be the zone example.com or a name under it, got: "example.org"',
      ],
      [
        "a domain that only ends like the zone",
        { domainName: "badexample.com" },
        'test/certificate: `domainName` must be the zone example.com or a name under it, got: "badexample.com"',
      ],
      [
        "a subject alternative name outside the zone",
        { subjectAlternativeNames: ["www.example.net"] },
        'test/certificate: `subjectAlternativeNames[0]` must be the zone example.com or a name under it, got: "www.example.net"',
      ],
      [
        "an uppercase domain",
        { domainName: "App.example.com" },
        'test/certificate: `domainName` must be a lowercase DNS name such as example.com or *.example.com, at most 253 characters, without a trailing dot, got: "App.example.com"',
      ],
      [
        "a label ending with a hyphen",
        { domainName: "app-.example.com" },
        'test/certificate: `domainName` must be a lowercase DNS name such as example.com or *.example.com, at most 253 characters, without a trailing dot, got: "app-.example.com"',
      ],
      [
        "an empty zone",
        { zoneName: "" },
        'test/certificate: `zoneName` must be a lowercase DNS name such as example.com or *.example.com, at most 253 characters, without a trailing dot, got: ""',
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(buildCertificate(overrides).stack)).toEqual([message]);
    });

    it("skips a zone known only at apply time", () => {
      const zoneName = Fn.element(Fn.tolist(["example.com"]), 0);
      expect(validationErrors(buildCertificate({ zoneName, domainName: "app.example.net" }).stack)).toEqual([]);
    });
  });
});

describe("AliasRecord", () => {
  describe("defaults", () => {
    it("is the book's aws_route53_record.example: an alias A record to the load balancer", () => {
      const { json } = buildAlias();
      expect(addresses(json)).toEqual(["aws_route53_record.example"]);
      expect(resource(json, "aws_route53_record", "example")).toMatchObject({
        zone_id: "Z0123456789",
        name: "example.com",
        type: "A",
        alias: {
          name: "example-1.ap-northeast-1.elb.amazonaws.com",
          zone_id: "Z14GRHDCWA56QT",
          evaluate_target_health: true,
        },
      });
    });

    it("exposes the record's name", () => {
      const { stack, alias } = buildAlias();
      expect(resolved(stack, alias.fqdn)).toBe("${aws_route53_record.example.fqdn}");
    });

    it("accepts valid input", () => {
      expect(validationErrors(buildAlias().stack)).toEqual([]);
    });
  });

  describe("overrides", () => {
    it("stops evaluating the target's health", () => {
      expect(
        resource(buildAlias({ evaluateTargetHealth: false }).json, "aws_route53_record", "example").alias,
      ).toMatchObject({ evaluate_target_health: false });
    });
  });

  describe("validation", () => {
    it("rejects a name with a trailing dot", () => {
      expect(validationErrors(buildAlias({ name: "example.com." }).stack)).toEqual([
        'test/alias: `name` must be a lowercase DNS name such as example.com or *.example.com, at most 253 characters, without a trailing dot, got: "example.com."',
      ]);
    });
  });
});

describe("a certificate, a load balancer and an alias together", () => {
  it("serves the certificate once validated, and points the domain at the load balancer", () => {
    const stack = testStack();
    const certificate = new DnsCertificate(stack, "certificate", {
      zoneName: "example.com",
      domainName: "example.com",
    });
    const lb = new LoadBalancer(stack, "loadBalancer", {
      name: "example",
      securityGroupName: "http-sg",
      vpcId: "vpc-123",
      subnetIds: ["subnet-a", "subnet-c"],
      https: { certificateArn: certificate.certificateArn, securityGroupName: "https-sg" },
    });
    new AliasRecord(stack, "alias", {
      zoneId: certificate.zoneId,
      name: certificate.domainName,
      targetDnsName: lb.dnsName,
      targetZoneId: lb.zoneId,
    });
    const json = synthJson(stack);
    expect(validationErrors(stack)).toEqual([]);
    expect(resource(json, "aws_lb_listener", "https").certificate_arn).toBe(
      "${aws_acm_certificate_validation.example.certificate_arn}",
    );
    expect(resource(json, "aws_route53_record", "example")).toMatchObject({
      zone_id: "${data.aws_route53_zone.example.zone_id}",
      name: "example.com",
      alias: { name: "${aws_lb.example.dns_name}", zone_id: "${aws_lb.example.zone_id}" },
    });
  });
});
