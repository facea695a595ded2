import { ENVIRONMENTS, runtimeFromEnvironment } from "./config";
import { addEnvironmentStacks } from "./stacks/app";
import { projectApp, runApp } from "./stacks/synthesize";

runApp(() => {
  const app = projectApp();
  addEnvironmentStacks(app, ENVIRONMENTS, runtimeFromEnvironment(process.env));
  return app;
});
