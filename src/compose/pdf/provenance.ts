/**
 * The data embedded in the PDF: every fact the text printed (only the properties it read)
 * with its citation, and the figures each chart plots. A reader can trace any number on the
 * page; and since only used facts are embedded, an edit the bulletin does not use leaves the
 * PDF as it was.
 */
import type { BulletinModel } from '../../model/bulletin.js';
import type { RenderedChart } from '../../charts/render.js';

export const PROVENANCE_FILE = 'bulletin-sources.json';

export function provenanceJson(model: BulletinModel, charts: RenderedChart[]): string {
  const doc = {
    bulletin: {
      series: model.meta.series,
      title: model.meta.title,
      authors: model.meta.authors,
      publisher: model.meta.publisher,
      ...(model.meta.issued ? { issued: model.meta.issued } : {}),
    },
    sources: model.sources,
    facts: model.provenance,
    // The derived claims the charts' words make, which `bulletin verify` recomputes.
    claims: charts.flatMap((c) => c.claims),
    charts: charts.map((c) => ({
      id: c.id,
      title: c.title,
      notes: c.notes,
      takeaway: c.takeaway,
      data: c.data,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
