/** The chart tables of the web edition, by fixture and chart id, written by hand. */

/** A cell the data gives no amount for. */
const NS = 'not stated';
/**
 * The bar charts' tables row by row (partner, then each column), written by hand from each
 * fixture's data: the cells were once checked against the code's own formatValue, which
 * passes whatever that prints (issue 31). Seed: Japan's vests and equipment state no amount;
 * New Zealand's 13 million package names 7.5 million as lethal, so 5.5 million is not stated.
 */
export const TABLE_ROWS: Record<string, Record<string, string[][]>> = {
  seed: {
    'oil-releases': [
      ['Japan', '22.5 million barrels'],
      ['South Korea', '11.65 million barrels'],
      ['Australia', '3.3 million barrels'],
      ['New Zealand', '867,000 barrels'],
    ],
    // Lethal, non-lethal, military (both), humanitarian, loans, not stated, total.
    'aid-by-partner': [
      ['Japan', NS, NS, NS, NS, '$300 million', NS, '$300 million'],
      ['Australia', NS, NS, '$141.9 million', '$48.3 million', NS, NS, '$190.2 million'],
      ['South Korea', NS, NS, NS, '$10 million', NS, '$30 million', '$40 million'],
      ['New Zealand', '$7.5 million', '$11 million', NS, NS, NS, '$5.5 million', '$24 million'],
      ['Singapore', NS, NS, NS, '$2.6 million', NS, NS, '$2.6 million'],
    ],
  },
  pacific: {
    // Humanitarian, reconstruction, loans, not stated, total; one currency per row group.
    'aid-by-partner': [
      ['Fiji', 'FJD 4.2 million', NS, NS, NS, 'FJD 4.2 million'],
      ['Sāmoa', 'WST 1.15 million', NS, NS, NS, 'WST 1.15 million'],
      ['Tonga', 'TOP 867,000', NS, NS, NS, 'TOP 867,000'],
      ['Papua New Guinea', 'PGK 7.5 million', NS, 'PGK 15 million', NS, 'PGK 22.5 million'],
      ['Vanuatu', NS, 'VUV 95 million', NS, NS, 'VUV 95 million'],
      ['Australia', 'A$2.6 million', 'A$141.9 million', NS, NS, 'A$144.5 million'],
      ['Nauru', 'A$1.5 million', NS, NS, NS, 'A$1.5 million'],
      ['Tuvalu', NS, NS, NS, 'A$250,000', 'A$250,000'],
      ['Federated States of Micronesia', '$300,000', NS, NS, NS, '$300,000'],
    ],
  },
};
/** A table row as the web edition writes it, with plain spaces. */
export const rowHtml = ([name, ...cells]: string[]) =>
  `<tr><th scope="row">${name}</th>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
