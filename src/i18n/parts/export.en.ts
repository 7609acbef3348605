// English strings of the export screens (merged into the dictionary by src/i18n/en.ts).
export const exportEn = {} as const;
