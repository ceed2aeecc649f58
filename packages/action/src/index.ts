export { actionInputNames, actionOutputNames, runGateAction, runGateInStep, stepPrefix, type GateOutcome } from './gate-step.js';
export { runRootAction } from './root-step.js';
export { runActionStep, type ActionStep } from './step.js';
