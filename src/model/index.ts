// Public API of the pure journey model: schema, commands, queries and integrity checks.
export * from './schema';
export { ModelError, isModelError, type ModelErrorCode } from './errors';
export { newId, isValidId } from './ids';
export { nodeFromYMap, edgeFromYMap } from './convert';
export * from './commands/meta';
export * from './commands/stage';
export * from './commands/stageRemoval';
export * from './commands/touchpoint';
export * from './commands/entities';
export * from './commands/needs';
export * from './commands/node';
export * from './commands/edge';
export {
  readMeta,
  readNode,
  readNodes,
  readEdges,
  stagesInOrder,
  orderStages,
  stageColumns,
  layoutStageColumns,
  touchpointsByStage,
  journeyPath,
  type StageColumn,
} from './queries';
export { validateJourney, repairJourney, REPAIR_ORIGIN, type JourneyIssue } from './integrity';
export { repairMayBeNeeded } from './integrity-trigger';
export {
  MEDIA_KINDS,
  MEDIA_NAME_MAX,
  attachMedia,
  detachMedia,
  readMedia,
  mediaKindOf,
  isMediaId,
  checkMediaRef,
  type MediaRef,
  type MediaKind,
} from './media';
export { firstNoteLine, NOTE_LINE_MAX } from './media-notes';
export {
  addComment,
  editComment,
  setCommentResolved,
  setThreadResolved,
  parseMentions,
  type Comment,
  type AddCommentArgs,
  type EditCommentArgs,
} from './comments';
export {
  readComments,
  openCommentCounts,
  openThreads,
  commentFromYMap,
  mentionsOf,
  resolvedThreads,
  type OpenThread,
  type Mention,
} from './comments-queries';
export { replacedConcurrently, lastWriterOf } from './concurrent-writes';
export { stagesOwnedBy, unownedStages, ownerWorkload, type OwnerWorkload } from './owners';
export { setPersonaPhoto, touchpointsForPersona, appliesToPersona } from './personas';
export {
  comparePersonas,
  type PersonaComparison,
  type StageComparison,
  type PersonaCurvePoint,
} from './personas-compare';
export {
  TEMPLATES,
  TEMPLATE_IDS,
  applyTemplate,
  templateById,
  type JourneyTemplate,
  type TemplateId,
} from './templates/catalog';
export { TEMPLATE_LANGS, TEMPLATE_LAYOUT, type TemplateLang, type I18nText } from './templates/build';
export {
  exportJourney,
  JOURNEY_FORMAT,
  JOURNEY_FORMAT_VERSION,
  type JourneyJson,
  type JourneyJsonNode,
  type JourneyJsonMeta,
} from './exchange/export';
export { importJourney, IMPORT_ORIGIN } from './exchange/import';
export { validateJourneyJson } from './exchange/validate';
export { type JsonValue, type NotesNode, type NotesElement, type NotesText } from './exchange/yjson';
export {
  migrateJourney,
  applyMigrations,
  journeyHasContent,
  journeyHasMapContent,
  documentSchemaVersion,
  MIGRATIONS,
  MIGRATION_ORIGIN,
  type Migration,
} from './migrations';
export {
  DEFAULT_METRIC_DEFS,
  METRIC_KEY_PATTERN,
  checkMetricDef,
  readMetricDefs,
  readMetricDef,
  ensureDefaultMetricDefs,
  setMetricDef,
  removeMetricDef,
  type MetricDef,
  type MetricBetter,
} from './metrics/defs';
export {
  METRIC_SOURCES,
  METRIC_NODE_KINDS,
  METRIC_HISTORY_MAX,
  readMetrics,
  readMetric,
  readMetricValue,
  type Metric,
  type MetricPoint,
  type MetricSource,
} from './metrics/read';
export {
  setMetricValue,
  setMetricValues,
  setMetricTarget,
  clearMetricValue,
  checkIsoTime,
  type MetricValueInput,
  type MetricWriteStatus,
  type MetricValuesResult,
} from './metrics/values';
export {
  metricStatus,
  heatColor,
  redCrossings,
  HEAT_PALETTE,
  type MetricStatus,
  type HeatStyle,
} from './metrics/status';
export { aggregateTouchpoints, stageAggregate, volumeWeights, type StageAggregate } from './metrics/aggregate';
export {
  parseCsv,
  parseNumber,
  parseCsvDate,
  CsvError,
  type ParsedCsv,
  type CsvDelimiter,
  type CsvErrorReason,
} from './csv/parse';
export {
  planCsvImport,
  applyCsvImport,
  type CsvMapping,
  type CsvImportItem,
  type CsvImportPlan,
  type CsvRowError,
  type CsvRowErrorReason,
  type CsvApplyResult,
  type CsvNameMatch,
  labelKey as csvNameKey,
} from './csv/import';
export { suggestCsvMapping, type SuggestedCsvMapping } from './csv/suggest';
export {
  nameSimilarity,
  nameWords,
  rankNames,
  NAME_MATCH_THRESHOLD,
  type NameCandidate,
  type NameMatch,
} from './csv/nameMatch';
export {
  channelInventory,
  channelTransitions,
  preferenceBadness,
  PREFERENCE_BADNESS,
  TRANSITION_WEIGHTS,
  type ChannelInventory,
  type ChannelTransition,
} from './insight/channels';
export { needsMatrix, type NeedsMatrix, type NeedCell, type NeedCoverage } from './insight/needs';
export {
  channelCensus,
  type ChannelCensus,
  type ChannelCensusRow,
  type CensusFinding,
  type ChannelMetricReading,
} from './insight/census';
export { criticalTouchpoints, targetGap, type CriticalTouchpoint } from './insight/critical';
export type { FlowEdge, FlowNode, Flows } from './insight/observedFlows';
export {
  emotionSummary,
  emotionCurve,
  type EmotionSummary,
  type StageEmotion,
  type EmotionPoint,
} from './insight/emotion';
export { restoreJourney } from './restore';
export {
  REMOVAL_MIN_NODES,
  REMOVAL_SHARE,
  REMOVAL_VERSION_PREFIX,
  isLargeNodeRemoval,
  largeRemoval,
  shapeOf,
  type LargeRemoval,
  type MapShape,
} from './removal';
