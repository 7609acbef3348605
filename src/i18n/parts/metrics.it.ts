// Italian strings of the metrics screens; every key of metricsEn must be here (the type checks it).
import type { metricsEn } from './metrics.en';

export const metricsIt: Record<keyof typeof metricsEn, string> = {};
