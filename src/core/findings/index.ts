export { type Finding, hasFatal, type Severity } from './finding.js';
