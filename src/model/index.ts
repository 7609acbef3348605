// Public API of the pure journey model: schema, commands, queries and integrity checks.
export * from './schema';
export { ModelError, isModelError, type ModelErrorCode } from './errors';
export { newId, isValidId } from './ids';
export { nodeFromYMap, edgeFromYMap } from './convert';
export * from './commands-meta';
export * from './commands-stage';
export * from './commands-touchpoint';
export * from './commands-entities';
export * from './commands-node';
export * from './commands-edge';
export {
  readMeta,
  readNode,
  readNodes,
  readEdges,
  stagesInOrder,
  stageColumns,
  touchpointsByStage,
  journeyPath,
  type StageColumn,
} from './queries';
export { validateJourney, repairJourney, REPAIR_ORIGIN, type JourneyIssue } from './integrity';
export { restoreJourney } from './restore';
