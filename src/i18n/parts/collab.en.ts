// English strings of the collab screens (merged into the dictionary by src/i18n/en.ts).
export const collabEn = {} as const;
