// Italian strings of the export screens; every key of exportEn must be here (the type checks it).
import type { exportEn } from './export.en';

export const exportIt: Record<keyof typeof exportEn, string> = {};
