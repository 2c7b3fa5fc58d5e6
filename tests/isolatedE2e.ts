// The e2e files that stub an AWS SDK client class (aws-sdk-client-mock; a stub of a client instance the file makes
// stays in that file), fake the timers or set process.env that a handler reads when it is imported: each needs
// modules of its own (vitest.config.ts's e2e-isolated project); the rest share one module graph per worker.
// tests/unit/isolatedE2e.test.ts finds the files that need it.
export const ISOLATED_E2E = [
  'tests/e2e/bundles/lambdaCredentials.test.ts',
  'tests/e2e/cli/progressCommands.test.ts',
  'tests/e2e/lambda/coldStart.test.ts',
  'tests/e2e/lambda/publishHandler.test.ts',
  'tests/e2e/lambda/publishInvalidation.test.ts',
  'tests/e2e/lambda/triggerConfig.test.ts',
  'tests/e2e/lambda/triggerHandler.test.ts',
  'tests/e2e/s3/outputHoldsContent.test.ts',
  'tests/e2e/serverlessPackage.test.ts',
  'tests/e2e/subscribers/subscribeConfig.test.ts',
];
