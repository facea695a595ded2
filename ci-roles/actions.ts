// The IAM actions Terraform's AWS provider (5.100) calls for each resource and data source type
// the stacks use: `read` for a refresh and a plan, `write` for an apply (create, update, tag,
// destroy). The CI roles are built from this table and the types a stack synthesizes, so a new
// resource type without an entry fails the CI-roles synth instead of an apply in CI.
// Sources: the provider's source for each resource's CRUD functions, and the Service
// Authorization Reference for the action names (https://docs.aws.amazon.com/service-authorization/latest/reference/).

export interface TypeActions {
  readonly read: readonly string[];
  readonly write: readonly string[];
}

const EC2_TAGS = ["ec2:CreateTags", "ec2:DeleteTags"];
const LOGS_TAGS = ["logs:TagResource", "logs:UntagResource", "logs:TagLogGroup", "logs:UntagLogGroup"];
const ELB_READ = ["elasticloadbalancing:DescribeTags"];
const ELB_TAGS = ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"];

/** Resource and data source types (`aws_vpc`, `data.aws_route53_zone`) to the actions they need. */
export const ACTIONS_BY_TYPE: Readonly<Record<string, TypeActions>> = {
  // ===== Network =====
  aws_vpc: {
    read: [
      "ec2:DescribeVpcs",
      "ec2:DescribeVpcAttribute",
      "ec2:DescribeNetworkAcls",
      "ec2:DescribeRouteTables",
      "ec2:DescribeSecurityGroups",
    ],
    write: ["ec2:CreateVpc", "ec2:DeleteVpc", "ec2:ModifyVpcAttribute", ...EC2_TAGS],
  },
  aws_internet_gateway: {
    read: ["ec2:DescribeInternetGateways"],
    write: [
      "ec2:CreateInternetGateway",
      "ec2:DeleteInternetGateway",
      "ec2:AttachInternetGateway",
      "ec2:DetachInternetGateway",
      ...EC2_TAGS,
    ],
  },
  aws_route_table: {
    read: ["ec2:DescribeRouteTables"],
    write: ["ec2:CreateRouteTable", "ec2:DeleteRouteTable", ...EC2_TAGS],
  },
  aws_route: { read: ["ec2:DescribeRouteTables"], write: ["ec2:CreateRoute", "ec2:DeleteRoute", "ec2:ReplaceRoute"] },
  aws_subnet: {
    read: ["ec2:DescribeSubnets"],
    write: ["ec2:CreateSubnet", "ec2:DeleteSubnet", "ec2:ModifySubnetAttribute", ...EC2_TAGS],
  },
  aws_route_table_association: {
    read: ["ec2:DescribeRouteTables"],
    write: ["ec2:AssociateRouteTable", "ec2:DisassociateRouteTable", "ec2:ReplaceRouteTableAssociation"],
  },
  aws_eip: {
    // DescribeAddressesAttribute: the provider reads each address's reverse DNS name.
    read: ["ec2:DescribeAddresses", "ec2:DescribeAddressesAttribute"],
    write: ["ec2:AllocateAddress", "ec2:ReleaseAddress", "ec2:DisassociateAddress", ...EC2_TAGS],
  },
  aws_nat_gateway: {
    read: ["ec2:DescribeNatGateways"],
    write: ["ec2:CreateNatGateway", "ec2:DeleteNatGateway", ...EC2_TAGS],
  },
  aws_default_security_group: {
    read: ["ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"],
    write: [
      "ec2:AuthorizeSecurityGroupIngress",
      "ec2:AuthorizeSecurityGroupEgress",
      "ec2:RevokeSecurityGroupIngress",
      "ec2:RevokeSecurityGroupEgress",
      ...EC2_TAGS,
    ],
  },
  aws_security_group: {
    read: ["ec2:DescribeSecurityGroups", "ec2:DescribeNetworkInterfaces"],
    write: [
      "ec2:CreateSecurityGroup",
      "ec2:DeleteSecurityGroup",
      "ec2:RevokeSecurityGroupEgress",
      "ec2:AuthorizeSecurityGroupEgress",
      ...EC2_TAGS,
    ],
  },
  aws_security_group_rule: {
    read: ["ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"],
    write: [
      "ec2:AuthorizeSecurityGroupIngress",
      "ec2:AuthorizeSecurityGroupEgress",
      "ec2:RevokeSecurityGroupIngress",
      "ec2:RevokeSecurityGroupEgress",
      "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
      "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
    ],
  },
  aws_flow_log: {
    read: ["ec2:DescribeFlowLogs"],
    write: ["ec2:CreateFlowLogs", "ec2:DeleteFlowLogs", ...EC2_TAGS, "iam:PassRole"],
  },

  // ===== KMS =====
  aws_kms_key: {
    read: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"],
    write: [
      "kms:CreateKey",
      "kms:PutKeyPolicy",
      "kms:EnableKeyRotation",
      "kms:DisableKeyRotation",
      "kms:UpdateKeyDescription",
      "kms:ScheduleKeyDeletion",
      "kms:TagResource",
      "kms:UntagResource",
    ],
  },
  aws_kms_alias: { read: ["kms:ListAliases"], write: ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"] },

  // ===== Logs =====
  aws_cloudwatch_log_group: {
    read: ["logs:DescribeLogGroups", "logs:ListTagsForResource", "logs:ListTagsLogGroup"],
    write: [
      "logs:CreateLogGroup",
      "logs:DeleteLogGroup",
      "logs:PutRetentionPolicy",
      "logs:DeleteRetentionPolicy",
      "logs:AssociateKmsKey",
      "logs:DisassociateKmsKey",
      ...LOGS_TAGS,
    ],
  },
  aws_cloudwatch_log_resource_policy: {
    read: ["logs:DescribeResourcePolicies"],
    write: ["logs:PutResourcePolicy", "logs:DeleteResourcePolicy"],
  },

  // ===== IAM (the writes are scoped to the stack's own role and policy names) =====
  aws_iam_role: {
    read: ["iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"],
    write: [
      "iam:CreateRole",
      "iam:DeleteRole",
      "iam:UpdateRole",
      "iam:UpdateAssumeRolePolicy",
      "iam:TagRole",
      "iam:UntagRole",
      "iam:ListInstanceProfilesForRole",
    ],
  },
  aws_iam_policy: {
    read: ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions", "iam:ListPolicyTags"],
    write: [
      "iam:CreatePolicy",
      "iam:DeletePolicy",
      "iam:CreatePolicyVersion",
      "iam:DeletePolicyVersion",
      "iam:TagPolicy",
      "iam:UntagPolicy",
      "iam:ListEntitiesForPolicy",
    ],
  },
  aws_iam_role_policy_attachment: {
    read: ["iam:ListAttachedRolePolicies"],
    write: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
  },
  "data.aws_iam_policy": { read: ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicies"], write: [] },

  // ===== DNS and certificates =====
  aws_acm_certificate: {
    read: ["acm:DescribeCertificate", "acm:ListTagsForCertificate"],
    write: [
      "acm:RequestCertificate",
      "acm:DeleteCertificate",
      "acm:AddTagsToCertificate",
      "acm:RemoveTagsFromCertificate",
    ],
  },
  aws_acm_certificate_validation: { read: ["acm:DescribeCertificate"], write: [] },
  aws_route53_record: {
    read: ["route53:GetHostedZone", "route53:ListResourceRecordSets", "route53:GetChange"],
    write: ["route53:ChangeResourceRecordSets"],
  },
  "data.aws_route53_zone": {
    read: ["route53:ListHostedZones", "route53:GetHostedZone", "route53:ListTagsForResource"],
    write: [],
  },

  // ===== S3 (the writes are scoped to the stack's own buckets) =====
  aws_s3_bucket: {
    read: [
      "s3:ListBucket",
      "s3:GetBucketLocation",
      "s3:GetBucketAcl",
      "s3:GetBucketCORS",
      "s3:GetBucketWebsite",
      "s3:GetBucketVersioning",
      "s3:GetAccelerateConfiguration",
      "s3:GetBucketRequestPayment",
      "s3:GetBucketLogging",
      "s3:GetLifecycleConfiguration",
      "s3:GetReplicationConfiguration",
      "s3:GetEncryptionConfiguration",
      "s3:GetBucketObjectLockConfiguration",
      "s3:GetBucketPolicy",
      "s3:GetBucketTagging",
    ],
    write: ["s3:CreateBucket", "s3:DeleteBucket", "s3:PutBucketTagging"],
  },
  aws_s3_bucket_versioning: { read: ["s3:GetBucketVersioning"], write: ["s3:PutBucketVersioning"] },
  aws_s3_bucket_server_side_encryption_configuration: {
    read: ["s3:GetEncryptionConfiguration"],
    write: ["s3:PutEncryptionConfiguration"],
  },
  aws_s3_bucket_public_access_block: {
    read: ["s3:GetBucketPublicAccessBlock"],
    write: ["s3:PutBucketPublicAccessBlock"],
  },
  aws_s3_bucket_ownership_controls: {
    read: ["s3:GetBucketOwnershipControls"],
    write: ["s3:PutBucketOwnershipControls"],
  },
  aws_s3_bucket_lifecycle_configuration: {
    read: ["s3:GetLifecycleConfiguration"],
    write: ["s3:PutLifecycleConfiguration"],
  },
  aws_s3_bucket_policy: { read: ["s3:GetBucketPolicy"], write: ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy"] },

  // ===== Load balancer and WAF =====
  aws_lb: {
    read: [
      "elasticloadbalancing:DescribeLoadBalancers",
      "elasticloadbalancing:DescribeLoadBalancerAttributes",
      // The provider reads the load balancer's capacity reservation on every refresh.
      "elasticloadbalancing:DescribeCapacityReservation",
      ...ELB_READ,
    ],
    write: [
      "elasticloadbalancing:CreateLoadBalancer",
      "elasticloadbalancing:DeleteLoadBalancer",
      "elasticloadbalancing:ModifyLoadBalancerAttributes",
      "elasticloadbalancing:SetSecurityGroups",
      "elasticloadbalancing:SetSubnets",
      ...ELB_TAGS,
    ],
  },
  aws_lb_listener: {
    read: ["elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeListenerAttributes", ...ELB_READ],
    write: [
      "elasticloadbalancing:CreateListener",
      "elasticloadbalancing:DeleteListener",
      "elasticloadbalancing:ModifyListener",
      "elasticloadbalancing:ModifyListenerAttributes",
      ...ELB_TAGS,
    ],
  },
  aws_lb_target_group: {
    read: [
      "elasticloadbalancing:DescribeTargetGroups",
      "elasticloadbalancing:DescribeTargetGroupAttributes",
      ...ELB_READ,
    ],
    write: [
      "elasticloadbalancing:CreateTargetGroup",
      "elasticloadbalancing:DeleteTargetGroup",
      "elasticloadbalancing:ModifyTargetGroup",
      "elasticloadbalancing:ModifyTargetGroupAttributes",
      ...ELB_TAGS,
    ],
  },
  aws_lb_listener_rule: {
    read: ["elasticloadbalancing:DescribeRules", ...ELB_READ],
    write: [
      "elasticloadbalancing:CreateRule",
      "elasticloadbalancing:DeleteRule",
      "elasticloadbalancing:ModifyRule",
      "elasticloadbalancing:SetRulePriorities",
      ...ELB_TAGS,
    ],
  },
  aws_wafv2_web_acl: {
    read: ["wafv2:GetWebACL", "wafv2:ListTagsForResource"],
    write: [
      "wafv2:CreateWebACL",
      "wafv2:UpdateWebACL",
      "wafv2:DeleteWebACL",
      "wafv2:TagResource",
      "wafv2:UntagResource",
    ],
  },
  aws_wafv2_web_acl_association: {
    read: ["wafv2:GetWebACLForResource"],
    // AWS checks the load balancer's side too.
    write: ["wafv2:AssociateWebACL", "wafv2:DisassociateWebACL", "elasticloadbalancing:SetWebAcl"],
  },
  aws_wafv2_web_acl_logging_configuration: {
    read: ["wafv2:GetLoggingConfiguration"],
    // WAF sets up CloudWatch Logs delivery with the caller's permissions.
    write: [
      "wafv2:PutLoggingConfiguration",
      "wafv2:DeleteLoggingConfiguration",
      "logs:CreateLogDelivery",
      "logs:DeleteLogDelivery",
      "logs:DescribeResourcePolicies",
      "logs:DescribeLogGroups",
    ],
  },

  // ===== ECS and autoscaling =====
  aws_ecs_cluster: {
    read: ["ecs:DescribeClusters", "ecs:ListTagsForResource"],
    write: [
      "ecs:CreateCluster",
      "ecs:DeleteCluster",
      "ecs:UpdateCluster",
      "ecs:UpdateClusterSettings",
      "ecs:TagResource",
      "ecs:UntagResource",
    ],
  },
  aws_ecs_task_definition: {
    read: ["ecs:DescribeTaskDefinition", "ecs:ListTagsForResource"],
    write: ["ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition", "ecs:TagResource", "iam:PassRole"],
  },
  aws_ecs_service: {
    read: ["ecs:DescribeServices", "ecs:ListTagsForResource"],
    write: ["ecs:CreateService", "ecs:UpdateService", "ecs:DeleteService", "ecs:TagResource", "ecs:UntagResource"],
  },
  // ===== Scheduled tasks (EventBridge rules that run ECS tasks) =====
  aws_cloudwatch_event_rule: {
    read: ["events:DescribeRule", "events:ListTagsForResource"],
    // The provider sets the schedule and the state (enabled or not) with PutRule.
    write: ["events:PutRule", "events:DeleteRule", "events:TagResource", "events:UntagResource"],
  },
  aws_cloudwatch_event_target: {
    read: ["events:ListTargetsByRule"],
    // EventBridge checks that the caller may pass the target's role (the events role) to it.
    write: ["events:PutTargets", "events:RemoveTargets", "iam:PassRole"],
  },
  // ===== Image registry =====
  aws_ecr_repository: {
    // DescribeImages: a rollout checks that the image's tag or digest is in the repository.
    read: ["ecr:DescribeRepositories", "ecr:ListTagsForResource", "ecr:DescribeImages"],
    write: [
      // The release workflow's push (docker login, then the layers and the manifest).
      "ecr:GetAuthorizationToken",
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:InitiateLayerUpload",
      "ecr:UploadLayerPart",
      "ecr:CompleteLayerUpload",
      "ecr:PutImage",
      "ecr:CreateRepository",
      "ecr:DeleteRepository",
      "ecr:PutImageTagMutability",
      "ecr:PutImageScanningConfiguration",
      "ecr:TagResource",
      "ecr:UntagResource",
      // A repository encrypted with the stack's key: ECR creates a grant on it with the caller's permissions.
      "kms:CreateGrant",
      "kms:DescribeKey",
    ],
  },
  aws_ecr_lifecycle_policy: {
    read: ["ecr:GetLifecyclePolicy"],
    write: ["ecr:PutLifecyclePolicy", "ecr:DeleteLifecyclePolicy"],
  },
  aws_appautoscaling_target: {
    read: ["application-autoscaling:DescribeScalableTargets", "application-autoscaling:ListTagsForResource"],
    write: [
      "application-autoscaling:RegisterScalableTarget",
      "application-autoscaling:DeregisterScalableTarget",
      "application-autoscaling:TagResource",
      "application-autoscaling:UntagResource",
      // Registering an ECS service checks the caller may describe and update it.
      "ecs:DescribeServices",
      "ecs:UpdateService",
    ],
  },
  aws_appautoscaling_policy: {
    read: ["application-autoscaling:DescribeScalingPolicies"],
    // Target tracking creates and deletes CloudWatch alarms with the caller's permissions.
    write: [
      "application-autoscaling:PutScalingPolicy",
      "application-autoscaling:DeleteScalingPolicy",
      "cloudwatch:DescribeAlarms",
      "cloudwatch:PutMetricAlarm",
      "cloudwatch:DeleteAlarms",
    ],
  },

  // ===== Secrets =====
  aws_ssm_parameter: {
    // The provider reads a parameter with decryption on refresh (a write-only value is then
    // dropped, not stored): kms:Decrypt through SSM is added where a stack creates parameters.
    read: ["ssm:GetParameter", "ssm:DescribeParameters", "ssm:ListTagsForResource"],
    write: ["ssm:PutParameter", "ssm:DeleteParameter", "ssm:AddTagsToResource", "ssm:RemoveTagsFromResource"],
  },

  // ===== Data sources that call nothing, or nothing that needs a permission =====
  "data.aws_caller_identity": { read: [], write: [] },
  "data.aws_region": { read: [], write: [] },
  "data.aws_partition": { read: [], write: [] },
  "data.aws_elb_service_account": { read: [], write: [] },
  "data.aws_iam_policy_document": { read: [], write: [] },
};
