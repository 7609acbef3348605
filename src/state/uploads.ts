// Uploads in progress (UI state): each with its progress and a cancel. A finished upload attaches the
// server's MediaRef to the node through the model.
import { create } from 'zustand';
import type * as Y from 'yjs';
import { attachMedia } from '../model';
import { ApiError } from '../sync/api';
import { uploadMedia } from '../sync/media';
import { t } from '../i18n';
import { useUi } from './uiStore';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export interface UploadState {
  id: number;
  nodeId: string;
  name: string;
  progress: number;
  cancel: () => void;
}

interface UploadsStore {
  uploads: UploadState[];
}

export const useUploads = create<UploadsStore>(() => ({ uploads: [] }));

let nextUploadId = 1;

export interface UploadTarget {
  doc: Y.Doc;
  mapId: string;
  mapKey: string;
  nodeId: string;
}

export function startUploads(files: Iterable<File>, target: UploadTarget): void {
  const notify = useUi.getState().notify;
  for (const file of files) {
    if (file.size > MAX_UPLOAD_BYTES) {
      notify(t('media.tooLarge', { name: file.name, limit: '50 MiB' }));
      continue;
    }
    const id = nextUploadId++;
    const update = (patch: Partial<UploadState>) =>
      useUploads.setState((state) => ({
        uploads: state.uploads.map((upload) => (upload.id === id ? { ...upload, ...patch } : upload)),
      }));
    const remove = () =>
      useUploads.setState((state) => ({ uploads: state.uploads.filter((upload) => upload.id !== id) }));
    const upload = uploadMedia(target.mapId, target.mapKey, file, (progress) => update({ progress }));
    useUploads.setState((state) => ({
      uploads: [...state.uploads, { id, nodeId: target.nodeId, name: file.name, progress: 0, cancel: upload.cancel }],
    }));
    upload.done.then(
      (ref) => {
        remove();
        try {
          attachMedia(target.doc, target.nodeId, ref);
        } catch (error) {
          notify(error instanceof Error ? error.message : String(error)); // e.g. the node was removed meanwhile
        }
      },
      (error: unknown) => {
        remove();
        if (error instanceof ApiError && error.code === 'aborted') return;
        const reason = error instanceof ApiError ? uploadErrorText(error) : String(error);
        notify(t('media.failed', { name: file.name, reason }));
      },
    );
  }
}

function uploadErrorText(error: ApiError): string {
  if (error.status === 413) return t('media.error413');
  if (error.status === 415) return t('media.error415');
  return error.message;
}

/** Files from a drop or paste event (ignores dragged text and links). */
export function filesOf(data: DataTransfer | null): File[] {
  return data ? [...data.files] : [];
}
