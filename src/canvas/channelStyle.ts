// How each channel medium looks: icon, colour and a readable name. Colour never carries meaning
// alone: the icon and the name go with it.
import { Globe, Mail, MessageCircle, Monitor, Phone, Share2, Star, Store, CircleHelp, type LucideIcon } from 'lucide-react';
import type { ChannelMedium, ChannelType } from '../model';

export interface MediumStyle {
  icon: LucideIcon;
  color: string;
  name: string;
  defaultType: ChannelType;
}

export const MEDIUM_STYLE: Record<ChannelMedium, MediumStyle> = {
  web: { icon: Globe, color: '#2f6fb3', name: 'Web', defaultType: 'digital' },
  email: { icon: Mail, color: '#7a5bb5', name: 'E-mail', defaultType: 'digital' },
  phone: { icon: Phone, color: '#b5651d', name: 'Phone', defaultType: 'digital' },
  messaging: { icon: MessageCircle, color: '#2e8b57', name: 'Messaging', defaultType: 'digital' },
  social: { icon: Share2, color: '#c2457a', name: 'Social', defaultType: 'digital' },
  store: { icon: Store, color: '#8a6d3b', name: 'Store', defaultType: 'physical' },
  kiosk: { icon: Monitor, color: '#4b7f8c', name: 'Kiosk', defaultType: 'physical' },
  review: { icon: Star, color: '#b8860b', name: 'Review site', defaultType: 'digital' },
  other: { icon: CircleHelp, color: '#6b7280', name: 'Other', defaultType: 'digital' },
};

/** Channels a CX team adds most, offered first by the toolbar (label, medium). */
export const CHANNEL_PRESETS: ReadonlyArray<{ label: string; medium: ChannelMedium }> = [
  { label: 'Website', medium: 'web' },
  { label: 'E-mail', medium: 'email' },
  { label: 'Phone', medium: 'phone' },
  { label: 'WhatsApp', medium: 'messaging' },
  { label: 'Web chat', medium: 'messaging' },
  { label: 'Social media', medium: 'social' },
  { label: 'Store', medium: 'store' },
  { label: 'Kiosk', medium: 'kiosk' },
  { label: 'Review site', medium: 'review' },
];
