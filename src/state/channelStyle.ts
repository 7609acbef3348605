// How each channel medium looks: icon, colour and a readable name. Colour never carries meaning
// alone: the icon and the name go with it.
import {
  Globe,
  Mail,
  MessageCircle,
  Monitor,
  Phone,
  Share2,
  Star,
  Store,
  CircleHelp,
  type LucideIcon,
} from 'lucide-react';
import type { ChannelMedium, ChannelType } from '../model';
import type { MessageKey } from '../i18n';

export interface MediumStyle {
  icon: LucideIcon;
  color: string;
  name: MessageKey;
  defaultType: ChannelType;
}

export const MEDIUM_STYLE: Record<ChannelMedium, MediumStyle> = {
  web: { icon: Globe, color: '#2f6fb3', name: 'medium.web', defaultType: 'digital' },
  email: { icon: Mail, color: '#7a5bb5', name: 'medium.email', defaultType: 'digital' },
  phone: { icon: Phone, color: '#b5651d', name: 'medium.phone', defaultType: 'digital' },
  messaging: { icon: MessageCircle, color: '#2e8b57', name: 'medium.messaging', defaultType: 'digital' },
  social: { icon: Share2, color: '#c2457a', name: 'medium.social', defaultType: 'digital' },
  store: { icon: Store, color: '#8a6d3b', name: 'medium.store', defaultType: 'physical' },
  kiosk: { icon: Monitor, color: '#4b7f8c', name: 'medium.kiosk', defaultType: 'physical' },
  review: { icon: Star, color: '#b8860b', name: 'medium.review', defaultType: 'digital' },
  other: { icon: CircleHelp, color: '#6b7280', name: 'medium.other', defaultType: 'digital' },
};

/** Channels a CX team adds most, offered first by the toolbar (label, medium). */
export const CHANNEL_PRESETS: ReadonlyArray<{ label: MessageKey; medium: ChannelMedium }> = [
  { label: 'preset.website', medium: 'web' },
  { label: 'preset.email', medium: 'email' },
  { label: 'preset.phone', medium: 'phone' },
  { label: 'preset.whatsapp', medium: 'messaging' },
  { label: 'preset.webchat', medium: 'messaging' },
  { label: 'preset.social', medium: 'social' },
  { label: 'preset.store', medium: 'store' },
  { label: 'preset.kiosk', medium: 'kiosk' },
  { label: 'preset.review', medium: 'review' },
];
