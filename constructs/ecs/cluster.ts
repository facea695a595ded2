// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/clusters.html
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { Construct } from "constructs";
import { resolveTerraformNames, terraformName, TerraformNames } from "../shared/addresses";
import { ecsName } from "../shared/rules";
import { Problems } from "../shared/validation";

export interface FargateClusterProps {
  /** The cluster's name, unique in the account and region (the note's `example`). */
  readonly name: string;
  /**
   * Container Insights: CloudWatch metrics per cluster, service and task (CPU, memory, network,
   * running task counts), at CloudWatch's custom-metric price. `true` sends `enabled`, `false`
   * sends `disabled`, whatever the account's default.
   * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html
   * @default unset: no `setting` block, as in the note; the account's default applies (off unless the account turned it on)
   */
  readonly containerInsights?: boolean;
  /**
   * The Terraform names of the cluster's resources.
   * @default "note" for the stack's first cluster (`aws_ecs_cluster.example`), "own" for later ones (`aws_ecs_cluster.<id>`)
   */
  readonly terraformNames?: TerraformNames;
}

/** The note's `aws_ecs_cluster.example`. */
export class FargateCluster extends Construct {
  public readonly clusterArn: string;
  public readonly clusterName: string;

  public constructor(scope: Construct, id: string, props: FargateClusterProps) {
    super(scope, id);
    const problems = new Problems(this);
    const names = resolveTerraformNames(this, "FargateCluster", props.terraformNames, problems);
    problems.check("name", props.name, ecsName);

    const cluster = new EcsCluster(this, "cluster", {
      name: props.name,
      setting:
        props.containerInsights === undefined
          ? undefined
          : [{ name: "containerInsights", value: props.containerInsights ? "enabled" : "disabled" }],
    });
    cluster.overrideLogicalId(terraformName(names, "example", id));

    this.clusterArn = cluster.arn;
    this.clusterName = cluster.name;
  }
}
