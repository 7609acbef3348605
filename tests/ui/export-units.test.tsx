// Pure parts of the export: the import's checks and what it sends the server, the CSV
// of touchpoints, the tile plan for large images and the PDF text mapping.
import { describe, expect, it, vi } from 'vitest';
import Papa from 'papaparse';
import * as Y from 'yjs';
import { addTouchpoint, applyTemplate, exportJourney, setMetricValue, stagesInOrder } from '../../src/model';
import { translate } from '../../src/i18n';
import { ImportError, importMapFile, parseJourneyFile, type ImportDeps } from '../../src/app/templates/importMap';
import { ApiError } from '../../src/sync/api';
import { touchpointCsv } from '../../src/export/csv';
import { notesText, touchpointTable } from '../../src/export/rows';
import { CANVAS_LIMITS, planRender } from '../../src/export/tiles';
import { pdfSafe } from '../../src/export/pdfText';
import { fileBaseName } from '../../src/export/download';

const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
  translate('en', key, values);

function templateDoc(): Y.Doc {
  const doc = new Y.Doc();
  applyTemplate(doc, 'purchase', 'en');
  return doc;
}

describe('JSON import checks', () => {
  it('refuses text that is not JSON, and JSON that is not a journey, naming why', () => {
    expect(() => parseJourneyFile('{"format": "percorso-journey",', t)).toThrow(ImportError);
    expect(() => parseJourneyFile('{"format": "percorso-journey",', t)).toThrow(/not a JSON file/);
    expect(() => parseJourneyFile('{"hello": "world"}', t)).toThrow(/not a Percorso map \(.+\)/);
    const broken = exportJourney(templateDoc());
    (broken.nodes[0] as { kind: string }).kind = 'spaceship';
    expect(() => parseJourneyFile(JSON.stringify(broken), t)).toThrow(/not a Percorso map.*nodes/);
  });

  it('accepts an exported journey (with or without a BOM)', () => {
    const text = JSON.stringify(exportJourney(templateDoc()));
    expect(parseJourneyFile(text, t).meta.templateId).toBe('purchase');
    expect(parseJourneyFile('\uFEFF' + text, t).nodes.length).toBeGreaterThan(10);
  });

  const created = { id: 'n1', title: 'Buying a bike', editorKey: 'e'.repeat(22), viewerKey: 'v'.repeat(22) };

  it('sends a journey file to the server, which makes the map in one step, and remembers it', async () => {
    const deps: ImportDeps = { send: vi.fn(async () => created), remember: vi.fn(async () => undefined) };
    const text = JSON.stringify(exportJourney(templateDoc()));
    expect(await importMapFile(new File([text], 'bike.percorso.json', { type: 'application/json' }), t, deps)).toBe(
      'n1',
    );
    expect(deps.send).toHaveBeenCalledWith(expect.stringContaining('"percorso-journey"'), 'application/json');
    expect(deps.remember).toHaveBeenCalledWith({
      id: 'n1',
      title: 'Buying a bike',
      key: 'e'.repeat(22),
      role: 'editor',
      viewerKey: 'v'.repeat(22),
    });
  });

  it('sends a bundle as it is, and refuses a broken JSON file before sending anything', async () => {
    const deps: ImportDeps = { send: vi.fn(async () => created), remember: vi.fn(async () => undefined) };
    const zip = new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'bike.percorso.zip', { type: 'application/zip' });
    await importMapFile(zip, t, deps);
    expect(deps.send).toHaveBeenCalledWith(zip, 'application/zip');
    vi.mocked(deps.send).mockClear();
    await expect(importMapFile(new File(['{"nodes": ['], 'x.json'), t, deps)).rejects.toThrow(ImportError);
    expect(deps.send).not.toHaveBeenCalled();
  });

  it('says why the server refused (nothing is left to clean up: the server made nothing)', async () => {
    const deps: ImportDeps = {
      send: vi.fn(async () => {
        throw new ApiError(400, 'bad_request', 'The media file abc is damaged');
      }),
      remember: vi.fn(async () => undefined),
    };
    const zip = new File([new Uint8Array([0x50, 0x4b])], 'bike.zip');
    await expect(importMapFile(zip, t, deps)).rejects.toThrow(/cannot be imported: The media file abc is damaged/);
    expect(deps.remember).not.toHaveBeenCalled();
  });
});

describe('CSV of touchpoints', () => {
  it('has a BOM, the header, one row per touchpoint and RFC 4180 quoting', () => {
    const doc = templateDoc();
    const stage = stagesInOrder(doc)[0]!;
    const id = addTouchpoint(doc, { stageId: stage.id, label: 'Says "hi", waves', x: 20, y: 400 });
    setMetricValue(doc, { nodeId: id, key: 'csat', value: 4.5, source: 'manual' });
    addTouchpoint(doc, { stageId: stage.id, label: '=HYPERLINK("x")', x: 20, y: 520 });
    const table = touchpointTable(doc, 'No stage');
    const csv = touchpointCsv(table, {
      stage: 'Stage',
      touchpoint: 'Touchpoint',
      channel: 'Channel',
      owner: 'Owner',
      personas: 'Personas',
      emotion: 'Emotion',
      painPoints: 'Pain points',
      opportunities: 'Opportunities',
    });
    expect(
      csv.startsWith('\uFEFFStage,Touchpoint,Channel,Owner,Personas,Emotion,Pain points,Opportunities,CSAT (1–5),NPS,'),
    ).toBe(true);
    expect(csv).toContain('"Says ""hi"", waves"');
    expect(csv).toContain('\r\n');
    const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(rows).toHaveLength(1 + table.rows.length);
    const quoted = rows.find((row) => row[1] === 'Says "hi", waves')!;
    expect(quoted[3]).toBe('Marketing team (Marketing)');
    expect(quoted[8]).toBe('4.5');
    expect(rows.find((row) => row[1]?.includes('HYPERLINK'))![1]).toBe('\'=HYPERLINK("x")'); // never run as a formula
  });

  it('escapes every cell that starts like a formula, whatever follows (line breaks included); numbers stay numbers', () => {
    const doc = templateDoc();
    const stage = stagesInOrder(doc)[0]!;
    const starts = ['=', '+', '-', '@', '\t', '\r'];
    const labels = starts.map((c) => `${c}HYPERLINK("http://evil.example/","open")\nsecond line`);
    // the model trims labels (a leading tab or CR is gone), but a stock client can write any string
    labels.forEach((label, i) =>
      addTouchpoint(doc, { stageId: stage.id, label: `x${label}`, x: 20, y: 400 + 120 * i }),
    );
    const negative = addTouchpoint(doc, { stageId: stage.id, label: 'Negative NPS', x: 20, y: 1200 });
    setMetricValue(doc, { nodeId: negative, key: 'nps', value: -20, source: 'manual' });
    const table = touchpointTable(doc, 'No stage');
    const rowsOut = table.rows.map((row) =>
      row.touchpoint.startsWith('xHYPERLINK') || /^x[=+\-@\t\r]/.test(row.touchpoint)
        ? { ...row, touchpoint: row.touchpoint.slice(1) }
        : row,
    );
    const csv = touchpointCsv(
      { ...table, rows: rowsOut },
      {
        stage: 'Stage',
        touchpoint: 'Touchpoint',
        channel: 'Channel',
        owner: 'Owner',
        personas: 'Personas',
        emotion: 'Emotion',
        painPoints: 'Pain points',
        opportunities: 'Opportunities',
      },
    );
    const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
    for (const label of labels) {
      expect(
        rows.some((r) => r[1] === `'${label}`),
        JSON.stringify(label),
      ).toBe(true);
    }
    // no text cell of the file starts with a formula character unescaped (a number may start with -)
    for (const row of rows)
      for (const cell of row)
        expect(/^[=+\-@\t\r]/.test(cell) && !Number.isFinite(Number(cell)), JSON.stringify(cell)).toBe(false);
    const nps = rows[0]!.indexOf('NPS');
    expect(rows.find((r) => r[1] === 'Negative NPS')![nps]).toBe('-20');
  });
});

describe('notes text for the appendix', () => {
  it('reads blocks as lines, nested lists included, marks dropped', () => {
    const text = notesText([
      {
        type: 'element',
        nodeName: 'paragraph',
        attributes: {},
        children: [
          { type: 'text', delta: [{ insert: 'Waited ' }, { insert: '20 minutes', attributes: { bold: true } }] },
        ],
      },
      {
        type: 'element',
        nodeName: 'bulletList',
        attributes: {},
        children: [
          {
            type: 'element',
            nodeName: 'listItem',
            attributes: {},
            children: [
              {
                type: 'element',
                nodeName: 'paragraph',
                attributes: {},
                children: [{ type: 'text', delta: [{ insert: 'on hold' }] }],
              },
            ],
          },
        ],
      },
      { type: 'element', nodeName: 'paragraph', attributes: {}, children: [] },
    ]);
    expect(text).toBe('Waited 20 minutes\non hold');
  });
});

describe('tile plan', () => {
  it('tiles a large image and keeps the requested scale when it fits', () => {
    const plan = planRender(3000, 1200, 4);
    expect(plan).toMatchObject({ scale: 4, reduced: false, pixelWidth: 12000, pixelHeight: 4800 });
    expect(plan.tiles).toHaveLength(3 * 2); // 4096-px tiles: 12000/4096 → 3 across, 4800/4096 → 2 down
    const area = plan.tiles.reduce((sum, tile) => sum + tile.width * tile.height, 0);
    expect(area).toBeCloseTo(3000 * 1200);
  });

  it('lowers the scale when the canvas would pass the browser limits', () => {
    const wide = planRender(9000, 1000, 4);
    expect(wide.reduced).toBe(true);
    expect(wide.pixelWidth).toBeLessThanOrEqual(CANVAS_LIMITS.maxSide);
    const huge = planRender(16000, 16000, 2);
    expect(huge.pixelWidth * huge.pixelHeight).toBeLessThanOrEqual(CANVAS_LIMITS.maxArea);
    expect(huge.scale).toBeGreaterThan(0.9);
  });
});

describe('PDF text and file names', () => {
  it('keeps Western European text, spells arrows and signs, drops emoji', () => {
    expect(pdfSafe('Perché → più “qualità” – 5 €')).toBe('Perché -> più “qualità” – 5 €');
    expect(pdfSafe('≥ 4 ✓ 😀 Łódź')).toBe('>= 4 v  Lódz');
    expect(pdfSafe('日本')).toBe('??');
  });

  it('makes safe file names from titles', () => {
    expect(fileBaseName('Q3: refund / returns?')).toBe('Q3 refund returns');
    expect(fileBaseName('   ')).toBe('journey');
  });
});
