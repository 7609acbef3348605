// Italian strings of the collab screens; every key of collabEn must be here (the type checks it).
import type { collabEn } from './collab.en';

export const collabIt: Record<keyof typeof collabEn, string> = {};
