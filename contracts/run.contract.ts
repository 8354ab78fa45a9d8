// The suite `npm run contract` runs: the target comes from the environment (a sandbox by default).
import { contractConfigFromEnv } from './env.js';
import { defineContractSuites } from './suites.js';

defineContractSuites(contractConfigFromEnv(process.env));
