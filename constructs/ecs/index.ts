export * from "./cluster";
export * from "./container-definitions";
export * from "./fargate-sizes";
export * from "./log-group";
export * from "./platform-version";
export * from "./service";
export * from "./task-definition";
export * from "./task-execution-role";
