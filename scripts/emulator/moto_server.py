"""moto's server, with two fields of an ECS service kept as AWS keeps them.

moto 5.2 answers CreateService but drops `healthCheckGracePeriodSeconds` and
`availabilityZoneRebalancing`: DescribeServices then returns neither (Terraform
reads a grace period of 0), so a plan right after apply shows drift on both
although nothing changed. This launcher stores the two values the caller sent and
returns them, as AWS does; nothing else of moto changes. UpdateService needs no
help: moto copies every parameter it is sent onto the service.

Run it like moto_server: `python moto_server.py -H 127.0.0.1 -p 5000`.
MOTO_ECS_PLAIN=1 runs moto unchanged, to see the gap for yourself.
"""

import os
import sys

from moto.ecs.responses import EC2ContainerServiceResponse
from moto.server import main


def keep_service_fields() -> None:
    create_service = EC2ContainerServiceResponse.create_service

    def create_service_keeping_fields(self):  # type: ignore[no-untyped-def]
        result = create_service(self)
        service = self.ecs_backend._get_service(self._get_param("cluster", "default"), self._get_param("serviceName"))
        service.health_check_grace_period_seconds = self._get_param("healthCheckGracePeriodSeconds")
        service.availability_zone_rebalancing = self._get_param("availabilityZoneRebalancing")
        return result

    EC2ContainerServiceResponse.create_service = create_service_keeping_fields


if __name__ == "__main__":
    # Without the managed policies, data "aws_iam_policy" for AmazonECSTaskExecutionRolePolicy fails.
    os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
    if os.environ.get("MOTO_ECS_PLAIN") != "1":
        keep_service_fields()
    main(sys.argv[1:])
