// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/clusters.html
import { EcsCluster as AwsEcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { Construct } from "constructs";
import { ecsName } from "../shared/rules";
import { Problems } from "../shared/validation";

export interface EcsClusterProps {
  /**
   * The cluster's name.
   * @default "example"
   */
  readonly name?: string;
}

/** The note's `aws_ecs_cluster.example`. */
export class EcsCluster extends Construct {
  public readonly clusterArn: string;
  public readonly clusterName: string;

  public constructor(scope: Construct, id: string, props: EcsClusterProps = {}) {
    super(scope, id);
    const name = props.name ?? "example";
    new Problems(this).check("name", name, ecsName);

    const cluster = new AwsEcsCluster(this, "cluster", { name });
    cluster.overrideLogicalId("example");

    this.clusterArn = cluster.arn;
    this.clusterName = cluster.name;
  }
}
