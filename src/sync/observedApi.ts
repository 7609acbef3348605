// The observed-journeys side of the HTTP API (issue #13): contact logs in (with upload progress),
// the directly-follows graph out, one customer's timeline, and the mapping of an unmapped activity
// to a touchpoint. Errors become ApiError like the rest of the client.
import type { FlowEdge, FlowNode, Flows } from '../model';
import { ApiError, mapPath, request } from './api';

export type { FlowEdge, FlowNode, Flows };

export interface FlowFilters {
  /** ISO times (inclusive bounds), or '' for none. */
  from: string;
  to: string;
  /** attribute name → value (one value per attribute). */
  attrs: Record<string, string>;
}

export interface CustomerEvent {
  at: string;
  touchpoint: string | null;
  activity: string | null;
  channel: string | null;
  attributes: Record<string, string>;
}

export interface CustomerTimeline {
  customer: string;
  events: CustomerEvent[];
}

export interface ImportResult {
  accepted: number;
  rejected: number;
  duplicates: number;
  unmapped: number;
  errors: Array<{ row: number; reason: string }>;
}

/** The virtual ends of every path in the flows. */
export const START = 'start';
export const END = 'end';
export const UNMAPPED_PREFIX = 'unmapped:';

export function flowsQuery(filters: FlowFilters): string {
  const query = new URLSearchParams();
  if (filters.from) query.set('from', filters.from);
  if (filters.to) query.set('to', filters.to);
  for (const [name, value] of Object.entries(filters.attrs)) if (name && value) query.append(`attr.${name}`, value);
  const text = query.toString();
  return text ? `?${text}` : '';
}

export function fetchFlows(mapId: string, key: string, filters: FlowFilters, signal?: AbortSignal): Promise<Flows> {
  return request<Flows>(`${mapPath(mapId)}/flows${flowsQuery(filters)}`, { key, signal });
}

export function fetchCustomer(mapId: string, key: string, customer: string): Promise<CustomerTimeline> {
  return request<CustomerTimeline>(`${mapPath(mapId)}/customers/${encodeURIComponent(customer)}`, { key });
}

export function deleteEvents(mapId: string, key: string): Promise<void> {
  return request(`${mapPath(mapId)}/events`, { method: 'DELETE', key });
}

/**
 * Maps an activity of the log (a touchpoint no card matched) onto a touchpoint (null: unmaps it); the
 * server keeps it with the map and applies it to past and future rows (editor key).
 */
export function mapActivity(mapId: string, key: string, activity: string, touchpoint: string | null): Promise<unknown> {
  return request(`${mapPath(mapId)}/events/mapping`, {
    method: 'PUT',
    key,
    body: JSON.stringify({ mappings: [{ activity, touchpoint }] }),
  });
}

export interface UploadOptions {
  /** Hash customer ids at the server (salted per map): they can be personal data. */
  hashCustomers?: boolean;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Posts a contact log as CSV. XMLHttpRequest, not fetch: only it reports upload progress, and the
 * body (a Blob) is streamed from the file, never read into memory here.
 */
export function uploadEvents(
  mapId: string,
  key: string,
  body: Blob,
  options: UploadOptions = {},
): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = options.hashCustomers ? '?hashCustomers=1' : '';
    xhr.open('POST', `${mapPath(mapId)}/events${query}`);
    xhr.setRequestHeader('Authorization', `Bearer ${key}`);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'The upload was cancelled.'));
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below by status
      }
      if (xhr.status >= 200 && xhr.status < 300 && parsed) return resolve(parsed as ImportResult);
      const error = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
      reject(new ApiError(xhr.status, error?.code ?? 'http', error?.message ?? `Request failed (${xhr.status})`));
    };
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}
