// English strings of the metrics screens (merged into the dictionary by src/i18n/en.ts).
export const metricsEn = {} as const;
