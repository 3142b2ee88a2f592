'use client';

import { type DragEvent, useState } from 'react';
import { AUDIO_ACCEPT, isZipFileName } from '@/lib/datasets/client/import-entries';
import { importFiles, importZip, type PickedFile } from '@/lib/datasets/client/import-manager';
import { collectDropped, pickedFromInput } from '@/lib/datasets/client/import-pick';
import { DATASET_LIMITS } from '@/lib/datasets/model';

// `webkitdirectory` is not in React's input props; every current browser supports it.
const folderProps = { webkitdirectory: '', directory: '' } as Record<string, string>;

/** Routes a selection: top-level zips are read as zips, everything else is one files import. */
function start(datasetId: string, picked: PickedFile[]) {
  const zips = picked.filter((entry) => !entry.path.includes('/') && isZipFileName(entry.path));
  const rest = picked.filter((entry) => !zips.includes(entry));
  for (const zip of zips) void importZip(datasetId, zip.file);
  if (rest.length > 0) void importFiles(datasetId, rest);
}

/** Drop files, folders or zips here, or pick them; the import manager takes it from there. */
export function DropZone({ datasetId }: { datasetId: string }) {
  const [active, setActive] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setActive(false);
    // collectDropped must read the entries before anything awaits (the list dies with the event).
    void collectDropped(event.dataTransfer).then(({ files, unreadable }) => {
      setProblem(unreadable.length > 0 ? `Could not read: ${unreadable.slice(0, 5).join(', ')}` : null);
      if (files.length > 0) start(datasetId, files);
    });
  };

  return (
    <section
      className="drop-zone"
      data-active={active || undefined}
      aria-label="Add audio"
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setActive(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setActive(false);
      }}
      onDrop={onDrop}
    >
      <p className="drop-zone-title">Drop audio files, folders or a zip here</p>
      <p className="hint">
        WAV, FLAC, Ogg Vorbis, MP3 and tracker modules (MOD, XM, S3M, IT), up to{' '}
        {DATASET_LIMITS.maxFileBytes / 1024 / 1024} MB each and{' '}
        {DATASET_LIMITS.maxFilesPerImport.toLocaleString('en')} files per import. Captions in a metadata.jsonl
        or metadata.csv (audiofolder layout) are imported with the audio.
      </p>
      <div className="drop-zone-actions">
        <label className="button button-primary file-button">
          <input
            type="file"
            className="visually-hidden"
            multiple
            accept={AUDIO_ACCEPT}
            onChange={(event) => {
              start(datasetId, pickedFromInput(event.target.files));
              event.target.value = '';
            }}
          />
          Add files
        </label>
        <label className="button file-button">
          <input
            type="file"
            className="visually-hidden"
            {...folderProps}
            onChange={(event) => {
              start(datasetId, pickedFromInput(event.target.files));
              event.target.value = '';
            }}
          />
          Add a folder
        </label>
        <label className="button file-button">
          <input
            type="file"
            className="visually-hidden"
            accept=".zip,application/zip"
            onChange={(event) => {
              const zip = event.target.files?.[0];
              if (zip) void importZip(datasetId, zip);
              event.target.value = '';
            }}
          />
          Import a zip
        </label>
      </div>
      {problem && (
        <p className="alert" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
